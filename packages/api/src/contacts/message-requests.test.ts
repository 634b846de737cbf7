import { describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { serverForSuite } from '@confab/testing/suite';

describe('who can message me: contacts → message requests', () => {
  let server: TestServer, ana: SignedInUser;
  serverForSuite(async (s) => {
    server = s;
    ana = await signIn(server);
    await ana.trpc.settings.update.mutate({ privacy: { messageMe: 'contacts' } });
    return [ana];
  });

  /** A stranger opens a chat with Ana and writes to her. */
  const strangerWrites = async (text: string) => {
    const stranger = await signIn(server);
    const chat = await stranger.trpc.chats.openDirect.mutate({ userId: ana.user.id });
    const message = await stranger.trpc.messages.send.mutate({ chatId: chat.id, clientId: `first-${text}`, text });
    return { stranger, chatId: chat.id, message };
  };
  const requestIds = async () => (await ana.trpc.contacts.messageRequests.query()).map((c) => c.id);
  const anaChat = async (chatId: string) => (await ana.trpc.chats.list.query()).chats.find((c) => c.id === chatId);

  it('keeps the setting', async () => {
    expect((await ana.trpc.settings.get.query()).privacy.messageMe).toBe('contacts');
    await expect(ana.trpc.settings.update.mutate({ privacy: { messageMe: 'nobody' as 'contacts' } })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });

  it("a stranger's first message is a request; until accepted they get no read receipts or presence", async () => {
    const { stranger, chatId, message } = await strangerWrites('hi, we met at the conference');
    expect(await requestIds()).toContain(chatId);
    expect(await anaChat(chatId)).toMatchObject({ messageRequest: true, lastMessage: { text: 'hi, we met at the conference' } });
    // The stranger's own side is a normal chat.
    expect((await stranger.trpc.chats.get.query({ chatId })).messageRequest).toBe(false);

    await ana.trpc.chats.markRead.mutate({ chatId, seq: message.seq });
    expect((await stranger.trpc.chats.get.query({ chatId })).peerReadSeq).toBeNull();
    expect(await stranger.trpc.messages.receipts.query({ messageId: message.id })).not.toContainEqual(expect.objectContaining({ readAt: expect.any(String) }));
    expect((await stranger.trpc.users.presence.query({ userId: ana.user.id })).hidden).toBe(true);

    const accepted = await ana.trpc.contacts.acceptMessageRequest.mutate({ chatId });
    expect(accepted.messageRequest).toBe(false);
    expect(await requestIds()).not.toContain(chatId);
    expect((await stranger.trpc.chats.get.query({ chatId })).peerReadSeq).toBe(message.seq);
    expect((await stranger.trpc.users.presence.query({ userId: ana.user.id })).hidden).toBe(false);
  });

  it("Ana's devices hear of the request before its first message, so they can file it quietly", async () => {
    const live = collectEvents(ana);
    await live.started;
    const { stranger, chatId } = await strangerWrites('first words');
    type About = { type: string; chatId?: string; chat?: { id: string }; message?: { chatId: string } };
    const ofChat = () => live.events.map((e) => e.event as About).filter((e) => (e.chatId ?? e.chat?.id ?? e.message?.chatId) === chatId);
    await expect.poll(() => ofChat().map((e) => e.type)).toContain('message.new');
    expect(ofChat()[0]).toMatchObject({ type: 'chat.updated', chat: { id: chatId, messageRequest: true } });
    live.stop();
    await stranger.close();
  });

  it('a contact is no stranger, and adding a stranger as a contact accepts their request', async () => {
    const friend = await signIn(server);
    await ana.trpc.contacts.add.mutate({ userId: friend.user.id });
    const chat = await friend.trpc.chats.openDirect.mutate({ userId: ana.user.id });
    await friend.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'friend', text: 'hello' });
    expect((await anaChat(chat.id))?.messageRequest).toBe(false);

    const { stranger, chatId } = await strangerWrites('it is me');
    expect((await anaChat(chatId))?.messageRequest).toBe(true);
    await ana.trpc.contacts.add.mutate({ userId: stranger.user.id, alias: 'Conference Bob' });
    expect((await anaChat(chatId))?.messageRequest).toBe(false);
  });

  it('replying accepts the request', async () => {
    const { chatId } = await strangerWrites('reply to me');
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'reply', text: 'sure' });
    expect((await anaChat(chatId))?.messageRequest).toBe(false);
  });

  it('delete takes the request out of my list; a new message brings it back as a request', async () => {
    const { stranger, chatId } = await strangerWrites('buy cheap watches');
    await ana.trpc.contacts.deleteMessageRequest.mutate({ chatId });
    expect(await requestIds()).not.toContain(chatId);
    expect(await anaChat(chatId)).toBeUndefined();
    expect((await ana.trpc.messages.history.query({ chatId, limit: 50 })).messages).toEqual([]);

    await stranger.trpc.messages.send.mutate({ chatId, clientId: 'again', text: 'still there?' });
    expect(await requestIds()).toContain(chatId);
    expect((await ana.trpc.messages.history.query({ chatId, limit: 50 })).messages.map((m) => m.text)).toEqual(['still there?']);
  });

  it('block ends it: the stranger can no longer write', async () => {
    const { stranger, chatId } = await strangerWrites('spam');
    await ana.trpc.contacts.deleteMessageRequest.mutate({ chatId, block: true });
    expect((await ana.trpc.users.blocked.query()).map((b) => b.user.id)).toContain(stranger.user.id);
    await expect(stranger.trpc.messages.send.mutate({ chatId, clientId: 'after-block', text: 'hello?' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    expect(await requestIds()).not.toContain(chatId);
  });

  it('with "everyone" a stranger simply starts a chat', async () => {
    const open = await signIn(server);
    const stranger = await signIn(server);
    const chat = await stranger.trpc.chats.openDirect.mutate({ userId: open.user.id });
    await stranger.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'hey', text: 'hey' });
    expect((await open.trpc.chats.get.query({ chatId: chat.id })).messageRequest).toBe(false);
    expect(await open.trpc.contacts.messageRequests.query()).toEqual([]);
  });

  it('only a member can act on a request, and only a 1:1 chat is one', async () => {
    const { chatId } = await strangerWrites('private');
    const outsider = await signIn(server);
    await expect(outsider.trpc.contacts.acceptMessageRequest.mutate({ chatId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(outsider.trpc.contacts.deleteMessageRequest.mutate({ chatId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    // An outsider's send into the chat changes nothing of it.
    await expect(outsider.trpc.messages.send.mutate({ chatId, clientId: 'x', text: 'x' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect((await anaChat(chatId))?.messageRequest).toBe(true);
  });
});
