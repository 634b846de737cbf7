import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { createDesktopCore, MemorySecretStore, type DesktopCore } from '../core/index.js';
import { waitUntil } from '../core/testing/harness.js';
import { toPageEvent } from './bridge-events.js';
import { FocusState } from './focus.js';
import { createPageDispatcher } from './ipc.js';
import { APP_ORIGIN } from './security.js';
import { buildConfabApi } from '../preload/api.js';
import { EVENT_CHANNEL } from '../shared/bridge.js';
import type { Backend, BackendEvent, MessageView } from '../renderer/src/lib/backend';
import { createDesktopBackend, type ConfabBridge } from '../renderer/src/lib/desktop-backend';

/**
 * The desktop Backend over the real bridge code (preload API → dispatcher → handlers → core)
 * without a browser: the server's events reach the screens as the core applied them, and a
 * queued send arrives as message.new under the clientId the screens chose.
 */
describe('desktop Backend over the core', () => {
  let server: TestServer, core: DesktopCore, dataDir: string, backend: Backend, ben: SignedInUser, chatId: string;
  const events: BackendEvent[] = [];

  const messageEvents = (type: 'message.new' | 'message.updated') =>
    events.flatMap((e) => (e.type === type ? [(e as { message: MessageView }).message] : [])).filter((m) => m.chatId === chatId);

  beforeAll(async () => {
    server = await startTestServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'confab-desktop-backend-'));
    core = createDesktopCore({ serverUrl: server.url, dataDir, secretStore: new MemorySecretStore(), WebSocket, retryDelayMs: () => 100 });
    await core.start();
    const dispatch = createPageDispatcher({ core, focus: new FocusState(core.notifications), mediaUrl: (id) => `app://confab/media/${id}`, appOrigins: [APP_ORIGIN] });
    const listeners = new Set<(event: unknown, payload: unknown) => void>();
    core.subscribe((event) => {
      const forward = toPageEvent(event);
      // Structured clone, as IPC delivers it.
      if (forward) for (const listener of listeners) listener({}, structuredClone(forward));
    });
    const bridge = buildConfabApi({
      invoke: async (channel, payload) => structuredClone(await dispatch(channel, { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }, structuredClone(payload))),
      on: (channel, listener) => channel === EVENT_CHANNEL && listeners.add(listener),
      removeListener: (_channel, listener) => listeners.delete(listener),
    });
    backend = createDesktopBackend(bridge as unknown as ConfabBridge);
    backend.onEvent((event) => events.push(event));
    ben = await signIn(server);
  });

  afterAll(async () => {
    await ben?.close();
    await core?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in and reports the connection', async () => {
    const phone = newPhone();
    await backend.call('session.requestCode', { phone });
    const session = await backend.call('session.verifyCode', { phone, code: server.codes.get(phone)! });
    expect(session.user.phone).toBe(phone);
    await waitUntil(() => backend.connection.get() === 'online', 'online');
    await expect(backend.call('session.restore')).resolves.toEqual({ user: session.user });
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: session.user.id })).id;
  });

  it('announces a new chat and its messages, then serves them as history', async () => {
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'b1', text: 'First from Ben' });
    await waitUntil(() => events.some((e) => e.type === 'chat.updated' && e.chat.id === chatId && e.chat.lastMessage?.text === 'First from Ben'), 'the chat arrives');
    const [chat] = (await backend.call('chats.list')).chats;
    expect(chat).toMatchObject({ id: chatId, kind: 'direct', unreadCount: 1, lastMessage: { text: 'First from Ben', seq: expect.any(Number) } });
    const page = await backend.call('messages.history', { chatId });
    expect(page.messages.map((m) => m.text)).toEqual(['First from Ben']);

    await ben.trpc.messages.send.mutate({ chatId, clientId: 'b2', text: 'Second from Ben' });
    await waitUntil(() => messageEvents('message.new').some((m) => m.text === 'Second from Ben'), 'message.new for the open chat');
  });

  it("passes on Ben's edit, reaction and deletion as the server sent them", async () => {
    const [first] = (await backend.call('messages.history', { chatId })).messages;
    await ben.trpc.messages.edit.mutate({ messageId: first!.id, text: 'First from Ben, edited' });
    await waitUntil(() => messageEvents('message.updated').some((m) => m.id === first!.id && m.text === 'First from Ben, edited' && m.editedAt !== null), 'the edit');
    await ben.trpc.messages.react.mutate({ messageId: first!.id, emoji: '🎉' });
    await waitUntil(() => events.some((e) => e.type === 'reaction' && e.messageId === first!.id && e.emoji === '🎉'), 'the reaction');
    await ben.trpc.messages.delete.mutate({ messageId: first!.id, forEveryone: true });
    await waitUntil(() => events.some((e) => e.type === 'message.deleted' && e.messageId === first!.id && e.forEveryone), 'the deletion');
    // The cache has applied each of them before the screens heard of it.
    const cached = (await backend.call('messages.history', { chatId })).messages.find((m) => m.id === first!.id)!;
    expect(cached).toMatchObject({ text: null, deletedAt: expect.any(String), reactions: [] });
  });

  it('delivers a send once the server has it, under the clientId the screens chose', async () => {
    await backend.call('outbox.send', { chatId, clientId: 'screen-id-1', text: 'Reply from Ana' });
    await waitUntil(() => messageEvents('message.new').some((m) => m.clientId === 'screen-id-1'), 'the screens hear of it');
    const sent = messageEvents('message.new').find((m) => m.clientId === 'screen-id-1')!;
    expect(sent).toMatchObject({ clientId: 'screen-id-1', text: 'Reply from Ana', seq: expect.any(Number) });
    expect(sent.id.startsWith('local:')).toBe(false);
    const onServer = (await ben.trpc.messages.history.query({ chatId, limit: 50 })).messages.filter((m) => m.text === 'Reply from Ana');
    expect(onServer).toHaveLength(1);
    expect(onServer[0]!.id).toBe(sent.id);
  });

  it('searches the cache', async () => {
    const result = await backend.call('messages.search', { query: 'reply' });
    expect(result.results.map((h) => h.message.text)).toEqual(['Reply from Ana']);
    expect(result.nextCursor).toBeNull();
  });

  it('signs out: the screens hear it and the cache is empty', async () => {
    let signedOut = 0;
    backend.onSignedOut(() => (signedOut += 1));
    await backend.call('session.signOut');
    await waitUntil(() => signedOut === 1, 'signed out');
    await expect(backend.call('session.restore')).resolves.toEqual({ user: null });
    expect(core.chats.list()).toEqual([]);
  });
});
