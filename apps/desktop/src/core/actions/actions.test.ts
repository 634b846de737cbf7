import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { disposeAll, onlineCore, RestartableServer, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

describe('desktop core actions', () => {
  const host = new RestartableServer();
  let ana: TestCore, ben: SignedInUser, chatId: string;

  const onServer = async () => (await ben.trpc.messages.history.query({ chatId, limit: 200 })).messages;
  const cached = async () => (await ana.core.messages.read(chatId)).messages;
  const outboxEmpty = () => waitUntil(async () => (await ana.core.diagnostics()).outboxSize === 0, 'the outbox is empty');

  beforeAll(async () => {
    await host.start();
    ana = await onlineCore(host);
    ben = await signIn(host.server);
    chatId = (await ana.core.chats.openDirect(ben.user.id)).id;
  });

  afterAll(() => disposeAll(host, ana, ben));

  it('sends, edits, reacts and deletes; Ben sees each', async () => {
    const first = await ana.core.outbox.send(chatId, 'helo');
    await outboxEmpty();
    const sent = (await cached()).find((m) => m.clientId === first.clientId)!;
    expect(sent).toMatchObject({ status: 'sent', seq: 1 });

    await ana.core.messages.edit(sent.id, 'hello');
    await ana.core.messages.react(sent.id, '🎉');
    const second = await ana.core.outbox.send(chatId, 'oops, wrong chat');
    await outboxEmpty();
    const secondId = (await cached()).find((m) => m.clientId === second.clientId)!.id;
    await ana.core.messages.delete(secondId, true);
    await outboxEmpty();

    const server = await onServer();
    expect(server.map((m) => [m.text, m.deletedAt !== null])).toEqual([
      ['hello', false],
      [null, true],
    ]);
    expect(server[0]?.reactions).toEqual([{ userId: (await ana.core.session.me())!.id, emoji: '🎉' }]);
    expect((await ana.core.search.search('hello')).hits.map((h) => h.message.id)).toEqual([sent.id]);
    expect((await ana.core.search.search('wrong')).hits).toEqual([]);
  });

  it('offline, changes to a message not yet sent are folded into it, and a deleted one never leaves', async () => {
    await host.stop();
    await waitForState(ana.core, 'offline');
    const draft = await ana.core.outbox.send(chatId, 'see you at 5');
    const mistake = await ana.core.outbox.send(chatId, 'not meant to send');
    await ana.core.messages.edit(draft.id, 'see you at 6');
    await ana.core.messages.delete(mistake.id, true);
    expect((await cached()).map((m) => m.text).slice(-1)).toEqual(['see you at 6']);
    expect((await ana.core.diagnostics()).outboxSize).toBe(1);

    await host.start();
    await waitForState(ana.core, 'online');
    await outboxEmpty();
    const server = await onServer();
    expect(server.map((m) => m.text).slice(-1)).toEqual(['see you at 6']);
    expect(server.some((m) => m.text === 'not meant to send')).toBe(false);
    expect(server.at(-1)?.editedAt).toBeNull();
  });

  it('a refused action is undone from the server and reported', async () => {
    const [message] = (await cached()).slice(-1);
    // The server accepts one emoji only; the optimistic reaction shows until it refuses.
    await ana.core.messages.react(message!.id, 'not an emoji');
    await waitUntil(() => ana.events.some((e) => e.type === 'outbox.failed' && e.messageId === message!.id), 'the refusal is reported');
    await waitUntil(async () => (await cached()).at(-1)!.reactions.length === 0, 'the reaction is taken back');
    expect((await ana.core.diagnostics()).outboxSize).toBe(0);
  });

  it('a refused send stays as a failed message that can be retried or discarded', async () => {
    const refused = await ana.core.outbox.send(chatId, 'replying to nothing', { replyToId: 'no-such-message' });
    const failed = async () => (await cached()).find((m) => m.clientId === refused.clientId);
    await waitUntil(async () => (await failed())?.status === 'failed', 'the send fails');
    expect(ana.events.some((e) => e.type === 'outbox.refused' && e.clientId === refused.clientId)).toBe(true);
    // The queue moves on past it.
    await ana.core.outbox.send(chatId, 'after the failure');
    await outboxEmpty();
    expect((await onServer()).at(-1)?.text).toBe('after the failure');

    await ana.core.outbox.retry(refused.id);
    expect((await failed())?.status).not.toBe('sent');
    await waitUntil(async () => (await failed())?.status === 'failed', 'the retry fails too');
    await ana.core.outbox.discard(refused.id);
    expect(await failed()).toBeUndefined();
    expect((await onServer()).some((m) => m.text === 'replying to nothing')).toBe(false);
  });

  it('marks chats read and moves them up the list', async () => {
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'b1', text: 'are you there?' });
    await waitUntil(async () => (await ana.core.chats.get(chatId))?.unreadCount === 1, 'one unread');
    expect((await ana.core.notifications.unread()).total).toBe(1);
    await ana.core.chats.markRead(chatId);
    expect((await ana.core.chats.get(chatId))?.unreadCount).toBe(0);
    await outboxEmpty();
    expect((await ben.trpc.chats.get.query({ chatId })).lastSeq).toBe((await ana.core.chats.get(chatId))?.lastReadSeq);
  });

  it('passes on "typing…" from the others', async () => {
    await ben.trpc.chats.typing.mutate({ chatId });
    await waitUntil(() => ana.events.some((e) => e.type === 'typing' && e.chatId === chatId && e.userId === ben.user.id), 'the typing event arrives');
    await expect(ana.core.chats.typing(chatId)).resolves.toBeUndefined();
  });

  it('notifies per settings and focus', async () => {
    const before = ana.events.length;
    const notes = () => ana.events.slice(before).flatMap((e) => (e.type === 'os.notification' ? [e.notification] : []));
    await ana.core.notifications.setFocus({ openChatId: chatId, windowFocused: true });
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'b2', text: 'you are looking at this' });
    await waitUntil(async () => (await cached()).at(-1)?.text === 'you are looking at this', 'the message on screen arrives');
    await ana.core.notifications.setFocus({ openChatId: null, windowFocused: false });
    // "Show preview" off is the server's setting (settings.notifications), heard as settings.updated.
    await ana.core.api.settings.update.mutate({ notifications: { preview: false } });
    await waitUntil(() => ana.core.notifications.settings().preview === 'none', 'the preview setting arrives');
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'b3', text: 'secret' });
    await waitUntil(() => notes().length > 0, 'a notification');
    expect(notes()).toEqual([{ chatId, messageId: expect.any(String), title: 'Confab', body: 'New message', silent: false }]);

    const settings = await ana.core.notifications.muteAllFor(60);
    expect(settings.mutedAllUntil).not.toBeNull();
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'b4', text: 'muted' });
    await waitUntil(async () => (await cached()).at(-1)?.text === 'muted', 'the muted message arrives');
    expect(notes()).toHaveLength(1);
  });
});
