/**
 * Event ids of `sync.events` / `sync.changes` are positions: `<user seq>` then
 * `.<chat num>:<chat seq>` per group chat stream read (packages/api/src/sync/cursor.ts). Each part
 * only grows; one id covers another when none of its parts is behind (a part left out is 0).
 */
function parts(id: string): { user: number; chats: Map<string, number> } {
  const [user, ...rest] = id.split('.');
  const chats = new Map<string, number>();
  for (const part of rest) {
    const [num, seq] = part.split(':');
    chats.set(num!, Number(seq));
  }
  return { user: Number(user), chats };
}

/** Whether position `a` has everything position `b` has (an event with id `b` is already in `a`). */
export function eventIdCovers(a: string, b: string): boolean {
  const pa = parts(a);
  const pb = parts(b);
  if (pa.user < pb.user) return false;
  for (const [num, seq] of pb.chats) if ((pa.chats.get(num) ?? 0) < seq) return false;
  return true;
}
