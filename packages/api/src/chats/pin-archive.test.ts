import { describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { serverForSuite } from '@confab/testing/suite';
import { isArchived } from './chat-view.js';

describe('pinned, archived and hidden-until chats', () => {
  let server: TestServer, ana: SignedInUser;
  let friends: SignedInUser[];
  const chatWith: string[] = [];

  serverForSuite(async (s) => {
    server = s;
    ana = await signIn(server);
    friends = await Promise.all([0, 1, 2, 3].map(() => signIn(server)));
    for (const friend of friends) {
      const chat = await friend.trpc.chats.openDirect.mutate({ userId: ana.user.id });
      await friend.trpc.messages.send.mutate({ chatId: chat.id, clientId: `hello-${chat.id}`, text: 'hello' });
      chatWith.push(chat.id);
      server.clock.advance(1_000);
    }
    return [ana, ...friends];
  });

  const listed = async () => (await ana.trpc.chats.list.query()).chats;
  const order = async () => (await listed()).map((c) => chatWith.indexOf(c.id));

  it('puts up to three pinned chats on top, the newest pin first, and refuses a fourth', async () => {
    expect(await order()).toEqual([3, 2, 1, 0]);
    await ana.trpc.chats.pin.mutate({ chatId: chatWith[0]!, pinned: true });
    server.clock.advance(1_000);
    await ana.trpc.chats.pin.mutate({ chatId: chatWith[1]!, pinned: true });
    server.clock.advance(1_000);
    const third = await ana.trpc.chats.pin.mutate({ chatId: chatWith[2]!, pinned: true });
    expect(third.pinnedAt).toBeTruthy();
    expect(await order()).toEqual([2, 1, 0, 3]);

    await expect(ana.trpc.chats.pin.mutate({ chatId: chatWith[3]!, pinned: true })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
      message: expect.stringContaining('up to 3'),
    });
    // Pinning again changes nothing; unpinning frees a place.
    await ana.trpc.chats.pin.mutate({ chatId: chatWith[2]!, pinned: true });
    await ana.trpc.chats.pin.mutate({ chatId: chatWith[1]!, pinned: false });
    await ana.trpc.chats.pin.mutate({ chatId: chatWith[3]!, pinned: true });
    expect(await order()).toEqual([3, 2, 0, 1]);
    for (const i of [0, 2, 3]) await ana.trpc.chats.pin.mutate({ chatId: chatWith[i]!, pinned: false });
  });

  it('keeps an archived chat out of the main list until a message arrives, unless it is muted', async () => {
    const [first, second] = [chatWith[0]!, chatWith[1]!];
    const archived = await ana.trpc.chats.archive.mutate({ chatId: first, archived: true });
    expect(isArchived(archived)).toBe(true);
    await ana.trpc.chats.archive.mutate({ chatId: second, archived: true });
    await ana.trpc.chats.mute.mutate({ chatId: second, until: new Date(server.clock.now().getTime() + 86_400_000).toISOString() });

    await friends[0]!.trpc.messages.send.mutate({ chatId: first, clientId: 'back', text: 'are you there?' });
    await friends[1]!.trpc.messages.send.mutate({ chatId: second, clientId: 'still', text: 'muted news' });
    const byId = new Map((await listed()).map((c) => [c.id, c]));
    expect(isArchived(byId.get(first)!, server.clock.now())).toBe(false);
    expect(isArchived(byId.get(second)!, server.clock.now())).toBe(true);

    // Archiving unpins; unarchiving brings it back at once.
    await ana.trpc.chats.pin.mutate({ chatId: first, pinned: true });
    expect((await ana.trpc.chats.archive.mutate({ chatId: first, archived: true })).pinnedAt).toBeNull();
    expect(isArchived(await ana.trpc.chats.archive.mutate({ chatId: second, archived: false }))).toBe(false);
    await ana.trpc.chats.archive.mutate({ chatId: first, archived: false });
  });

  it('hides a chat until a time, after which it is back by itself', async () => {
    const chatId = chatWith[2]!;
    // Minutes, not hours: the manual clock also ages the test's access tokens.
    const until = new Date(server.clock.now().getTime() + 5 * 60_000).toISOString();
    const hidden = await ana.trpc.chats.hide.mutate({ chatId, hidden: true, until });
    expect(hidden).toMatchObject({ hidden: true, hiddenUntil: until });
    expect((await listed()).map((c) => c.id)).not.toContain(chatId);

    server.clock.advance(6 * 60_000);
    const back = (await listed()).find((c) => c.id === chatId);
    expect(back).toMatchObject({ hidden: false });

    await expect(ana.trpc.chats.hide.mutate({ chatId, hidden: true, until: new Date(server.clock.now().getTime() - 1000).toISOString() })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.chats.hide.mutate({ chatId, hidden: false, until })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });
});
