/** The code out of whatever was pasted: a bare code, or an invite URL ending in it (…/join/CODE, ?code=CODE). */
export function inviteCodeFrom(input: string): string | null {
  const value = input.trim();
  const match = /(?:[?&]code=|\/)([A-Za-z0-9_-]{16,64})\/?$/.exec(value) ?? /^([A-Za-z0-9_-]{16,64})$/.exec(value);
  return match?.[1] ?? null;
}
