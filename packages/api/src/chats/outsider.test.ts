import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('a user outside a chat', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, eve: SignedInUser, chatId: string, messageId: string;
  serverForSuite(async (s) => {
    server = s;
    [ana, ben, eve] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    messageId = (await ana.trpc.messages.send.mutate({ chatId, clientId: 'secret', text: 'for Ben only' })).id;
    return [ana, ben, eve];
  });

  it('cannot learn the chat exists, read it, write to it or act on its messages', async () => {
    const attempts = {
      'chats.get': () => eve.trpc.chats.get.query({ chatId }),
      'chats.markRead': () => eve.trpc.chats.markRead.mutate({ chatId, seq: 1 }),
      'chats.typing': () => eve.trpc.chats.typing.mutate({ chatId }),
      'messages.history': () => eve.trpc.messages.history.query({ chatId }),
      'messages.send': () => eve.trpc.messages.send.mutate({ chatId, clientId: 'x', text: 'let me in' }),
      'messages.edit': () => eve.trpc.messages.edit.mutate({ messageId, text: 'changed' }),
      'messages.delete': () => eve.trpc.messages.delete.mutate({ messageId, forEveryone: true }),
      'messages.react': () => eve.trpc.messages.react.mutate({ messageId, emoji: '😈' }),
      'messages.edits': () => eve.trpc.messages.edits.query({ messageId }),
      'messages.receipts': () => eve.trpc.messages.receipts.query({ messageId }),
      'messages.forward': () => eve.trpc.messages.forward.mutate({ messageId, chatIds: [eveOwnChat] }),
      'messages.forward (into the chat)': () => eve.trpc.messages.forward.mutate({ messageId: eveOwnMessage, chatIds: [chatId] }),
      'messages.send (reply)': () => eve.trpc.messages.send.mutate({ chatId: eveOwnChat, clientId: 'r', text: 'quoting', replyToId: messageId }),
      'messages.search': () => eve.trpc.messages.search.query({ query: 'Ben', chatId }),
      'chats.markDelivered': () => eve.trpc.chats.markDelivered.mutate({ chatId, seq: 1 }),
      'chats.clear': () => eve.trpc.chats.clear.mutate({ chatId }),
      'chats.hide': () => eve.trpc.chats.hide.mutate({ chatId, hidden: true }),
      'chats.mute': () => eve.trpc.chats.mute.mutate({ chatId, until: null }),
      'chats.setTheme': () => eve.trpc.chats.setTheme.mutate({ chatId, theme: 'dark' }),
      'chats.setBackground': () => eve.trpc.chats.setBackground.mutate({ chatId, color: '#000000' }),
      'chats.setDisappearing': () => eve.trpc.chats.setDisappearing.mutate({ chatId, seconds: 86_400 }),
      'chats.media': () => eve.trpc.chats.media.query({ chatId }),
    };
    const eveOwnChat = (await eve.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    const eveOwnMessage = (await eve.trpc.messages.send.mutate({ chatId: eveOwnChat, clientId: 'mine', text: 'hi Ana' })).id;
    for (const [name, attempt] of Object.entries(attempts)) {
      await expect(attempt(), name).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    }
    const { chats } = await eve.trpc.chats.list.query();
    expect(chats.map((c) => c.id)).toEqual([eveOwnChat]);
    expect((await eve.trpc.messages.search.query({ query: 'Ben' })).results).toEqual([]);
    const { messages } = await ben.trpc.messages.history.query({ chatId });
    expect(messages.map((m) => m.text)).toEqual(['for Ben only']);
  });

  it("receives none of the chat's events", async () => {
    const eveEvents = collectEvents(eve, '0');
    const benEvents = collectEvents(ben);
    await Promise.all([eveEvents.started, benEvents.started]);
    await new Promise((r) => setTimeout(r, 200));
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'later', text: 'still private' });
    await ana.trpc.chats.typing.mutate({ chatId });
    await expect.poll(() => benEvents.events.length).toBe(2);
    // Eve has a chat of her own with Ana (first test): nothing of Ana and Ben's chat reaches her.
    await expect.poll(() => eveEvents.events.length).toBeGreaterThan(0);
    expect(eveEvents.events.filter((e) => JSON.stringify(e.event).includes(chatId))).toEqual([]);
    eveEvents.stop();
    benEvents.stop();
  });

  it('cannot use the API at all without a valid token', async () => {
    const { createTestClient } = await import('@confab/testing/test-client');
    const anonymous = createTestClient(server.url);
    await expect(anonymous.trpc.chats.list.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await expect(anonymous.trpc.messages.history.query({ chatId })).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await anonymous.close();
  });
});
