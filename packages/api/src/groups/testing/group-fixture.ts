import { expect } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { serverForSuite } from '@confab/testing/suite';
import type { TestServer, TestServerOptions } from '@confab/testing/test-server';

export type TrpcCode = 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT';

export async function expectCode(attempt: Promise<unknown>, code: TrpcCode, label?: string): Promise<void> {
  await expect(attempt, label).rejects.toMatchObject({ data: { code } });
}

/** Signs people in and names them, so notices read "Ana added Ben". */
export async function people<const Names extends readonly string[]>(server: TestServer, names: Names): Promise<{ [K in keyof Names]: SignedInUser }> {
  const users = await Promise.all(
    names.map(async (name) => {
      const user = await signIn(server, undefined, `${name}'s laptop`);
      await user.trpc.me.update.mutate({ name });
      return user;
    }),
  );
  return users as { [K in keyof Names]: SignedInUser };
}

export async function closeAll(users: (SignedInUser | undefined)[]): Promise<void> {
  await Promise.all(users.map((u) => u?.close()));
}

/** Notices (system messages) of a chat as the user sees them, oldest first. */
export async function noticesOf(user: SignedInUser, chatId: string): Promise<{ action: string; text: string | null; targetIds: string[] }[]> {
  const { messages } = await user.trpc.messages.history.query({ chatId, limit: 200 });
  return messages
    .filter((m) => m.kind === 'system')
    .map((m) => ({ action: String(m.meta?.action), text: m.text, targetIds: (m.meta?.targetIds as string[] | undefined) ?? [] }));
}

export const idsOf = (users: SignedInUser[]): string[] => users.map((u) => u.user.id);

/**
 * A server and named people for a describe block, closed after it:
 * `peopleForSuite(['Ana', 'Ben'], (s, [a, b]) => ([server, ana, ben] = [s, a, b]), { clock })`.
 */
export function peopleForSuite<const Names extends readonly string[]>(
  names: Names,
  receive: (server: TestServer, users: { [K in keyof Names]: SignedInUser }) => void,
  options: TestServerOptions = {},
): void {
  serverForSuite(async (server) => {
    const users = await people(server, names);
    receive(server, users);
    return users;
  }, options);
}
