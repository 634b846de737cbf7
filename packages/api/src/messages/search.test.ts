import { serverForSuite } from '@confab/testing/suite';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../ports/clock.js';
import { upload } from '@confab/testing/media/upload';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('message search', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, eve: SignedInUser, withBen: string, withEve: string;
  const sent: Record<string, string> = {};
  let n = 0;
  const say = async (from: SignedInUser, chatId: string, text: string) => {
    // A second apart, so "newest first" has one answer across chats.
    (server.clock as ManualClock).advance(1000);
    sent[text] = (await from.trpc.messages.send.mutate({ chatId, clientId: `s${++n}`, text })).id;
  };
  const find = async (user: SignedInUser, query: string, chatId?: string) =>
    (await user.trpc.messages.search.query({ query, ...(chatId ? { chatId } : {}) })).results.map((r) => r.message.text ?? r.message.media?.fileName);

  serverForSuite(async (s) => {
    server = s;
    [ana, ben, eve] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    withBen = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    withEve = (await ana.trpc.chats.openDirect.mutate({ userId: eve.user.id })).id;
    await say(ana, withBen, 'Hello world');
    await say(ben, withBen, 'hello there, General');
    await say(ana, withBen, '明天我们在北京见面');
    await say(ana, withBen, 'I am 100% sure');
    await say(ana, withEve, 'hello Eve, about the world tour');
    (server.clock as ManualClock).advance(1000);
    const { body } = await upload(server.url, ana.tokens.accessToken, randomBytes(50), { kind: 'document', fileName: 'quarterly-report.pdf' });
    await ana.trpc.messages.send.mutate({ chatId: withBen, clientId: 'doc', kind: 'document', mediaId: body.mediaId });
    return [ana, ben, eve];
  });

  it('finds words and word beginnings in every chat the caller is in, newest first', async () => {
    expect(await find(ana, 'HELLO')).toEqual(['hello Eve, about the world tour', 'hello there, General', 'Hello world']);
    expect(await find(ana, 'hel wor')).toEqual(['hello Eve, about the world tour', 'Hello world']);
    expect(await find(ben, 'hello')).toEqual(['hello there, General', 'Hello world']);
    expect(await find(ana, 'hello', withBen)).toEqual(['hello there, General', 'Hello world']);
  });

  it('finds text in scripts written without spaces, fragments, and document names; % is just a character', async () => {
    expect(await find(ben, '北京')).toEqual(['明天我们在北京见面']);
    expect(await find(ben, 'enera')).toEqual(['hello there, General']);
    expect(await find(ben, 'report')).toEqual(['quarterly-report.pdf']);
    expect(await find(ben, '%')).toEqual(['I am 100% sure']);
  });

  it('pages by cursor', async () => {
    const first = await ana.trpc.messages.search.query({ query: 'hello', limit: 2 });
    expect(first.results).toHaveLength(2);
    const second = await ana.trpc.messages.search.query({ query: 'hello', limit: 2, cursor: first.nextCursor! });
    expect(second.results.map((r) => r.message.text)).toEqual(['Hello world']);
    expect(second.nextCursor).toBeNull();
    await expect(ana.trpc.messages.search.query({ query: 'hello', cursor: 'not-a-cursor' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });

  it('never returns what the caller may not see', async () => {
    expect(await find(eve, 'hello')).toEqual(['hello Eve, about the world tour']);
    await expect(eve.trpc.messages.search.query({ query: 'hello', chatId: withBen })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });

    await ana.trpc.messages.delete.mutate({ messageId: sent['Hello world']!, forEveryone: true });
    await ben.trpc.messages.delete.mutate({ messageId: sent['hello there, General']!, forEveryone: false });
    expect(await find(ben, 'hello')).toEqual([]);
    expect(await find(ana, 'hello', withBen)).toEqual(['hello there, General']);
  });
});
