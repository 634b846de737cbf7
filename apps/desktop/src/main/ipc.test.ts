import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { newPhone, signIn } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { createDesktopCore, MemorySecretStore, type DesktopCore } from '../core/index.js';
import { channelOf, INVOKE_METHODS, type InvokeMethod, type Payloads } from '../shared/ipc-contract.js';
import { BridgeError } from './errors.js';
import { FocusState } from './focus.js';
import { createHandlers, type Handlers } from './handlers.js';
import { createDispatcher, registerIpc, type InvokeEventLike } from './ipc.js';
import { APP_ORIGIN } from './security.js';

const fromApp: InvokeEventLike = { senderFrame: { url: 'app://confab/index.html', parent: null } };
const id = 'a8a4c1f4-5c3e-4a8e-9d51-0c1f2b3c4d5e';

/** One well-formed payload per method. */
const VALID: { [M in InvokeMethod]: Payloads[M] } = {
  restoreSession: {},
  requestCode: { phone: '+12015550100' },
  verifyCode: { phone: '+12015550100', code: '123456' },
  signOut: {},
  getMe: {},
  updateProfile: { name: 'Ana' },
  setAvatar: { mediaId: id },
  getQrCode: {},
  listChats: {},
  getChat: { chatId: id },
  openDirect: { userId: id },
  openChat: { chatId: id },
  setOpenChat: { chatId: null },
  readMessages: { chatId: id, beforeSeq: 10, limit: 50 },
  loadOlder: { chatId: id, beforeSeq: 10 },
  markRead: { chatId: id, seq: 3 },
  markDelivered: { chatId: id, seq: 3 },
  sendTyping: { chatId: id },
  sendMessage: { chatId: id, text: 'hello', replyToId: null },
  retrySend: { messageId: id },
  discardFailed: { messageId: id },
  editMessage: { messageId: id, text: 'hello again' },
  deleteMessage: { messageId: id, forEveryone: true },
  react: { messageId: id, emoji: '👍' },
  lookupPhone: { phone: '+12015550100' },
  userByQr: { token: 'qr-token' },
  search: { query: 'votes', order: 'relevance', limit: 20, cursor: null },
  mediaUrl: { mediaId: id },
  uploadMedia: { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png', fileName: 'a.png', kind: 'image' },
  sendMedia: { chatId: id, clientId: id, kind: 'image', mediaId: id, text: 'caption' },
  callServer: { procedure: 'groups.info', input: { chatId: id } },
  connectionState: {},
  reconnectNow: {},
};

/** Handlers that only record what reached them. */
function recordingHandlers() {
  const calls: { method: string; payload: unknown }[] = [];
  const handlers = Object.fromEntries(INVOKE_METHODS.map((method) => [method, async (payload: unknown) => (calls.push({ method, payload }), `${method} done`)])) as unknown as Handlers;
  return { calls, handlers };
}

describe('IPC dispatcher', () => {
  it('runs the handler for a valid payload from the app page', async () => {
    const { calls, handlers } = recordingHandlers();
    const dispatch = createDispatcher({ handlers, appOrigins: [APP_ORIGIN] });
    for (const method of INVOKE_METHODS) {
      expect(await dispatch(channelOf(method), fromApp, VALID[method])).toEqual({ ok: true, value: `${method} done` });
    }
    expect(calls.map((c) => c.method)).toEqual([...INVOKE_METHODS]);
    expect(calls.find((c) => c.method === 'sendMessage')!.payload).toEqual(VALID.sendMessage);
  });

  it('refuses calls from iframes, other pages and vanished frames before looking at the payload', async () => {
    const { calls, handlers } = recordingHandlers();
    const dispatch = createDispatcher({ handlers, appOrigins: [APP_ORIGIN] });
    const senders: InvokeEventLike[] = [
      { senderFrame: { url: 'app://confab/index.html', parent: { url: 'app://confab/index.html' } } },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///home/ana/out/renderer/index.html', parent: null } },
      { senderFrame: null },
    ];
    for (const event of senders) {
      expect(await dispatch(channelOf('sendMessage'), event, VALID.sendMessage)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Not allowed from this page.' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses malformed payloads for every method without calling it', async () => {
    const { calls, handlers } = recordingHandlers();
    const dispatch = createDispatcher({ handlers, appOrigins: [APP_ORIGIN] });
    for (const method of INVOKE_METHODS) {
      for (const payload of ['text', 42, null, undefined, [], { ...VALID[method], sneaky: true }]) {
        const answer = await dispatch(channelOf(method), fromApp, payload);
        expect(answer, `${method} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }
    }
    const wrong: [InvokeMethod, unknown][] = [
      ['sendMessage', { chatId: 42, text: 'x' }],
      ['sendMessage', { chatId: id, text: '' }],
      ['sendMessage', { chatId: id, text: 'x'.repeat(65_537) }],
      ['sendMessage', { chatId: 'x'.repeat(129), text: 'x' }],
      ['verifyCode', { phone: '+12015550100', code: '12ab56' }],
      ['search', { query: 'x'.repeat(501) }],
      ['search', { query: 'x', limit: 100_000 }],
      ['search', { query: 'x', order: 'random' }],
      ['readMessages', { chatId: id, beforeSeq: -1 }],
      ['readMessages', { chatId: id, limit: 1.5 }],
      ['deleteMessage', { messageId: id, forEveryone: 'yes' }],
      ['react', { messageId: id, emoji: 'x'.repeat(33) }],
      ['listChats', { includeHidden: 'true' }],
      ['uploadMedia', { bytes: 'not bytes', contentType: 'image/png' }],
      ['uploadMedia', { bytes: new Uint8Array(0), contentType: 'image/png' }],
      ['sendMedia', { chatId: id, clientId: id, kind: 'poll', mediaId: id }],
      // Only the listed procedures: nothing that signs in, reads tokens or sends as someone else.
      ['callServer', { procedure: 'auth.logout', input: {} }],
      ['callServer', { procedure: 'messages.send', input: { chatId: id } }],
      ['callServer', { procedure: 'groups.__proto__', input: {} }],
      ['callServer', { procedure: 'groups.create', input: { name: 'x'.repeat(300_000) } }],
    ];
    for (const [method, payload] of wrong) {
      expect(await dispatch(channelOf(method), fromApp, payload), `${method} ${JSON.stringify(payload).slice(0, 80)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(calls).toEqual([]);
  });

  it('answers channels that are not on the list with NOT_FOUND', async () => {
    const { handlers } = recordingHandlers();
    const dispatch = createDispatcher({ handlers, appOrigins: [APP_ORIGIN] });
    for (const channel of ['confab:eval', 'confab:constructor', 'confab:__proto__', 'other:listChats', 'listChats']) {
      expect(await dispatch(channel, fromApp, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('passes a handler failure as a code and message only', async () => {
    const { handlers } = recordingHandlers();
    handlers.getChat = async () => {
      throw new BridgeError('NOT_SUPPORTED', 'Not here.');
    };
    handlers.listChats = async () => {
      throw Object.assign(new Error('disk is full'), { secret: 'token-123' });
    };
    const dispatch = createDispatcher({ handlers, appOrigins: [APP_ORIGIN] });
    expect(await dispatch(channelOf('getChat'), fromApp, VALID.getChat)).toEqual({ ok: false, error: { code: 'NOT_SUPPORTED', message: 'Not here.' } });
    expect(await dispatch(channelOf('listChats'), fromApp, {})).toEqual({ ok: false, error: { code: 'FAILED', message: 'disk is full' } });
  });

  it('registers one handler per allowed method and nothing else', () => {
    const registered: string[] = [];
    const removed: string[] = [];
    const dispose = registerIpc({ handle: (channel: string) => void registered.push(channel), removeHandler: (channel: string) => void removed.push(channel) }, async () => ({ ok: true, value: null }));
    expect(registered).toEqual(INVOKE_METHODS.map(channelOf));
    dispose();
    expect(removed).toEqual(registered);
  });
});

describe('IPC handlers over a real core and server', () => {
  let server: TestServer;
  let core: DesktopCore;
  let dataDir: string;
  let dispatch: ReturnType<typeof createDispatcher>;

  beforeAll(async () => {
    server = await startTestServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'confab-ipc-'));
    core = createDesktopCore({ serverUrl: server.url, dataDir, secretStore: new MemorySecretStore(), WebSocket, retryDelayMs: () => 100 });
    await core.start();
    const handlers = createHandlers({ core, focus: new FocusState(core), mediaUrl: (mediaId) => `app://confab/media/${mediaId}` });
    dispatch = createDispatcher({ handlers, appOrigins: [APP_ORIGIN] });
  });

  afterAll(async () => {
    await core?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in through the bridge and answers from the cache', async () => {
    const phone = newPhone();
    expect(await dispatch(channelOf('restoreSession'), fromApp, {})).toEqual({ ok: true, value: { user: null } });
    expect(await dispatch(channelOf('requestCode'), fromApp, { phone })).toMatchObject({ ok: true, value: { phone } });
    const verified = await dispatch(channelOf('verifyCode'), fromApp, { phone, code: server.codes.get(phone)! });
    expect(verified).toMatchObject({ ok: true, value: { user: { phone }, isNewUser: true } });
    expect(await dispatch(channelOf('listChats'), fromApp, {})).toEqual({ ok: true, value: [] });
    expect(await dispatch(channelOf('search'), fromApp, { query: 'anything' })).toEqual({ ok: true, value: { hits: [], nextCursor: null } });
  });

  it('sends a photo and sets the profile photo: uploaded through the core, sent online, and the other person receives it', async () => {
    const peer = await signIn(server);
    const { value: chat } = (await dispatch(channelOf('openDirect'), fromApp, { userId: peer.user.id })) as { value: { id: string } };
    const png = new Uint8Array(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff8800' } }).png().toBuffer());
    const uploaded = await dispatch(channelOf('uploadMedia'), fromApp, { bytes: png, contentType: 'image/png', fileName: 'sunset.png', kind: 'image' });
    expect(uploaded).toMatchObject({ ok: true, value: { kind: 'image', mime: 'image/png', size: png.byteLength } });
    const mediaId = (uploaded as { value: { mediaId: string } }).value.mediaId;
    const sent = await dispatch(channelOf('sendMedia'), fromApp, { chatId: chat.id, clientId: 'photo-1', kind: 'image', mediaId, text: 'sunset' });
    expect(sent).toMatchObject({ ok: true, value: { kind: 'image', text: 'sunset' } });
    const { messages } = await peer.trpc.messages.history.query({ chatId: chat.id });
    expect(messages).toMatchObject([{ kind: 'image', text: 'sunset', media: { mediaId } }]);
    // The same upload as the profile photo.
    expect(await dispatch(channelOf('setAvatar'), fromApp, { mediaId })).toMatchObject({ ok: true, value: { avatarMediaId: mediaId } });
    const refused = await dispatch(channelOf('uploadMedia'), fromApp, { bytes: new TextEncoder().encode('not an image'), contentType: 'image/png', kind: 'image' });
    expect(refused).toMatchObject({ ok: false, error: { code: expect.stringMatching(/UNSUPPORTED|BAD_REQUEST/) } });
    await peer.close();
  });

  it('calls the listed server procedures for the page: a group with a poll, as the other members see it', async () => {
    const [ben, cy] = await Promise.all([signIn(server), signIn(server)]);
    const call = (procedure: string, input?: unknown) => dispatch(channelOf('callServer'), fromApp, { procedure, input });
    const created = (await call('groups.create', { name: 'Climbing', memberIds: [ben.user.id, cy.user.id] })) as { ok: true; value: { chat: { id: string } } };
    expect(created).toMatchObject({ ok: true, value: { chat: { kind: 'group', title: 'Climbing' }, added: [ben.user.id, cy.user.id] } });
    const chatId = created.value.chat.id;
    expect(await call('groups.members', { chatId })).toMatchObject({ ok: true, value: { count: 3, members: [{ role: 'owner' }, { role: 'member' }, { role: 'member' }] } });
    const poll = (await call('polls.create', { chatId, clientId: 'poll-1', question: 'Saturday?', options: ['Yes', 'No'], multipleAnswers: false })) as { ok: true; value: unknown };
    expect(poll).toMatchObject({ ok: true });
    const [message] = (await ben.trpc.messages.history.query({ chatId })).messages.filter((m) => m.kind === 'poll');
    const pollId = (message!.meta as { pollId: string; options: { id: string }[] }).pollId;
    const yes = (message!.meta as { options: { id: string }[] }).options[0]!.id;
    await ben.trpc.polls.vote.mutate({ pollId, optionIds: [yes] });
    expect(await call('polls.results', { pollId })).toMatchObject({ ok: true, value: { totalVoters: 1 } });
    // Admin actions; the server's own checks and error codes come back unchanged.
    expect(await call('groups.setPermissions', { chatId, send: 'all', editInfo: 'admins', addMembers: 'admins' })).toMatchObject({ ok: true });
    expect(await call('groups.removeMember', { chatId, userId: cy.user.id })).toMatchObject({ ok: true });
    expect(await call('chats.media', { chatId: 'no-such-chat', kind: 'image' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('groups.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await Promise.all([ben.close(), cy.close()]);
  });

  it("carries the server's error code to the page", async () => {
    const wrong = await dispatch(channelOf('verifyCode'), fromApp, { phone: newPhone(), code: '000000' });
    expect(wrong).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'That code is wrong or has expired' } });
    const notFound = await dispatch(channelOf('openDirect'), fromApp, { userId: id });
    expect(notFound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
