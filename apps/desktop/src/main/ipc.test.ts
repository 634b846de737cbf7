import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { newPhone, signIn } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { createDesktopCore, MemorySecretStore, type DesktopCore } from '../core/index.js';
import { channelOf } from '../shared/bridge.js';
import { ClientError } from '../shared/errors.js';
import { PROCEDURE_NAMES, procedures, type DeviceName, type ProcedureName } from '../shared/procedures/index.js';
import { FocusState } from './focus.js';
import type { PageHandlers } from './handlers.js';
import { createDispatcher, createPageDispatcher, registerIpc, type InvokeEventLike } from './ipc.js';
import { APP_ORIGIN } from './security.js';

const fromApp: InvokeEventLike = { senderFrame: { url: 'app://confab/index.html', parent: null } };
const id = 'a8a4c1f4-5c3e-4a8e-9d51-0c1f2b3c4d5e';

const deviceNames = PROCEDURE_NAMES.filter((p): p is DeviceName => procedures[p].runs === 'core');
const onlineNames = PROCEDURE_NAMES.filter((p) => procedures[p].runs === 'server');

/** Handlers and a server that only record what reached them. */
function recording() {
  const calls: { procedure: string; payload: unknown }[] = [];
  const handlers = Object.fromEntries(deviceNames.map((procedure) => [procedure, async (payload: unknown) => (calls.push({ procedure, payload }), `${procedure} done`)])) as unknown as PageHandlers;
  const callServer = async (procedure: string, _kind: string, payload: unknown) => (calls.push({ procedure, payload }), `${procedure} on the server`);
  return { calls, handlers, dispatch: createDispatcher({ handlers, callServer, appOrigins: [APP_ORIGIN] }) };
}

/** Well-formed payloads for some of the procedures the desktop answers itself. */
const VALID: Partial<Record<ProcedureName, unknown>> = {
  'session.restore': {},
  'session.verifyCode': { phone: '+12015550100', code: '123456' },
  'chats.list': { includeHidden: true },
  'messages.history': { chatId: id, beforeSeq: 10, limit: 50 },
  'outbox.send': { chatId: id, clientId: id, text: 'hello', mentions: [id] },
  'messages.search': { query: 'votes', limit: 20 },
  'messages.react': { messageId: id, emoji: '👍' },
  'files.upload': { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png', fileName: 'a.png', kind: 'image' },
  'shell.setOpenChat': { chatId: null },
};

describe('IPC dispatcher', () => {
  it('runs the handler for a valid payload from the app page, and online procedures on the server', async () => {
    const { calls, dispatch } = recording();
    for (const [procedure, payload] of Object.entries(VALID)) {
      expect(await dispatch(channelOf(procedure as ProcedureName), fromApp, payload)).toEqual({ ok: true, value: `${procedure} done` });
    }
    expect(await dispatch(channelOf('groups.create'), fromApp, { name: 'Climbing', memberIds: [id] })).toEqual({ ok: true, value: 'groups.create on the server' });
    expect(calls.map((c) => c.procedure)).toEqual([...Object.keys(VALID), 'groups.create']);
    expect(calls.find((c) => c.procedure === 'outbox.send')!.payload).toEqual(VALID['outbox.send']);
  });

  it('refuses calls from iframes, other pages and vanished frames before looking at the payload', async () => {
    const { calls, dispatch } = recording();
    const senders: InvokeEventLike[] = [
      { senderFrame: { url: 'app://confab/index.html', parent: { url: 'app://confab/index.html' } } },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///home/ana/out/renderer/index.html', parent: null } },
      { senderFrame: null },
    ];
    for (const event of senders) {
      for (const procedure of ['outbox.send', 'groups.create'] as const) {
        expect(await dispatch(channelOf(procedure), event, VALID['outbox.send'])).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Not allowed from this page.' } });
      }
    }
    expect(calls).toEqual([]);
  });

  it('refuses malformed payloads for every procedure the desktop answers, without calling it', async () => {
    const { calls, dispatch } = recording();
    for (const procedure of deviceNames) {
      for (const payload of ['text', 42, null, [], { ...(VALID[procedure] as object | undefined), sneaky: true }]) {
        const answer = await dispatch(channelOf(procedure), fromApp, payload);
        expect(answer, `${procedure} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }
    }
    const wrong: [ProcedureName, unknown][] = [
      ['outbox.send', { chatId: 42, clientId: id, text: 'x' }],
      ['outbox.send', { chatId: id, clientId: id, text: '' }],
      ['outbox.send', { chatId: id, clientId: id, text: 'x'.repeat(65_537) }],
      ['outbox.send', { chatId: 'x'.repeat(129), clientId: id, text: 'x' }],
      ['session.verifyCode', { phone: '+12015550100', code: '12ab56' }],
      ['messages.search', { query: 'x'.repeat(501) }],
      ['messages.search', { query: 'x', limit: 100_000 }],
      ['messages.history', { chatId: id, beforeSeq: -1 }],
      ['messages.history', { chatId: id, limit: 1.5 }],
      ['messages.delete', { messageId: id, forEveryone: 'yes' }],
      ['messages.react', { messageId: id, emoji: 'x'.repeat(33) }],
      ['chats.list', { includeHidden: 'true' }],
      ['files.upload', { bytes: 'not bytes', contentType: 'image/png' }],
      ['files.upload', { bytes: new Uint8Array(0), contentType: 'image/png' }],
      // Online procedures: the server checks the fields; main refuses what is not bounded JSON.
      ['groups.create', { name: 'x'.repeat(300_000) }],
      ['groups.create', { cycle: (() => { const o: Record<string, unknown> = {}; o.self = o; return o; })() }],
    ];
    for (const [procedure, payload] of wrong) {
      expect(await dispatch(channelOf(procedure), fromApp, payload), `${procedure} #${wrong.findIndex((w) => w[1] === payload)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(calls).toEqual([]);
  });

  it('answers channels that are not declared with NOT_FOUND: nothing that signs in with tokens or sends as someone else', async () => {
    const { calls, dispatch } = recording();
    for (const channel of ['confab:eval', 'confab:constructor', 'confab:__proto__', 'confab:auth.logout', 'confab:auth.refresh', 'confab:sync.events', 'other:chats.list', 'chats.list']) {
      expect(await dispatch(channel, fromApp, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // Of auth.*, the page may only list and end sessions (Linked devices), never handle tokens.
    const tokenless = new Set(['auth.sessions', 'auth.revokeSession']);
    expect(onlineNames.filter((name) => (name.startsWith('auth.') && !tokenless.has(name)) || name.startsWith('sync.'))).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('passes a handler failure as a code and message only', async () => {
    const { handlers } = recording();
    handlers['chats.get'] = async () => {
      throw new ClientError('NOT_FOUND', 'Not here.');
    };
    handlers['chats.list'] = async () => {
      throw Object.assign(new Error('disk is full'), { secret: 'token-123' });
    };
    const dispatch = createDispatcher({ handlers, callServer: async () => null, appOrigins: [APP_ORIGIN] });
    expect(await dispatch(channelOf('chats.get'), fromApp, { chatId: id })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Not here.' } });
    expect(await dispatch(channelOf('chats.list'), fromApp, {})).toEqual({ ok: false, error: { code: 'FAILED', message: 'disk is full' } });
  });

  it('registers one handler per declared procedure and nothing else', () => {
    const registered: string[] = [];
    const removed: string[] = [];
    const dispose = registerIpc({ handle: (channel: string) => void registered.push(channel), removeHandler: (channel: string) => void removed.push(channel) }, async () => ({ ok: true, value: null }));
    expect(registered).toEqual(PROCEDURE_NAMES.map(channelOf));
    dispose();
    expect(removed).toEqual(registered);
  });
});

describe('IPC handlers over a real core and server', () => {
  let server: TestServer, core: DesktopCore, dataDir: string, dispatch: ReturnType<typeof createDispatcher>;

  beforeAll(async () => {
    server = await startTestServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'confab-ipc-'));
    core = createDesktopCore({ serverUrl: server.url, dataDir, secretStore: new MemorySecretStore(), WebSocket, retryDelayMs: () => 100 });
    await core.start();
    dispatch = createPageDispatcher({ core, focus: new FocusState(core.notifications), mediaUrl: (mediaId) => `app://confab/media/${mediaId}`, appOrigins: [APP_ORIGIN] });
  });

  afterAll(async () => {
    await core?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in through the bridge and answers from the cache', async () => {
    const phone = newPhone();
    expect(await dispatch(channelOf('session.restore'), fromApp, {})).toEqual({ ok: true, value: { user: null } });
    expect(await dispatch(channelOf('session.requestCode'), fromApp, { phone })).toMatchObject({ ok: true, value: { phone } });
    const verified = await dispatch(channelOf('session.verifyCode'), fromApp, { phone, code: server.codes.get(phone)! });
    expect(verified).toMatchObject({ ok: true, value: { user: { phone }, isNewUser: true } });
    expect(await dispatch(channelOf('chats.list'), fromApp, {})).toEqual({ ok: true, value: { chats: [], nextCursor: null } });
    expect(await dispatch(channelOf('messages.search'), fromApp, { query: 'anything' })).toEqual({ ok: true, value: { results: [], nextCursor: null } });
  });

  it('sends a photo and sets the profile photo: uploaded through the core, sent online, and the other person receives it', async () => {
    const peer = await signIn(server);
    const { value: chat } = (await dispatch(channelOf('chats.openDirect'), fromApp, { userId: peer.user.id })) as { value: { id: string } };
    const png = new Uint8Array(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff8800' } }).png().toBuffer());
    const uploaded = await dispatch(channelOf('files.upload'), fromApp, { bytes: png, contentType: 'image/png', fileName: 'sunset.png', kind: 'image' });
    expect(uploaded).toMatchObject({ ok: true, value: { kind: 'image', mime: 'image/png', size: png.byteLength } });
    const mediaId = (uploaded as { value: { mediaId: string } }).value.mediaId;
    const sent = await dispatch(channelOf('messages.send'), fromApp, { chatId: chat.id, clientId: 'photo-1', kind: 'image', mediaId, text: 'sunset' });
    expect(sent).toMatchObject({ ok: true, value: { kind: 'image', text: 'sunset' } });
    const { messages } = await peer.trpc.messages.history.query({ chatId: chat.id });
    expect(messages).toMatchObject([{ kind: 'image', text: 'sunset', media: { mediaId } }]);
    // The same upload as the profile photo.
    expect(await dispatch(channelOf('me.setAvatar'), fromApp, { mediaId })).toMatchObject({ ok: true, value: { avatarMediaId: mediaId } });
    const refused = await dispatch(channelOf('files.upload'), fromApp, { bytes: new TextEncoder().encode('not an image'), contentType: 'image/png', kind: 'image' });
    expect(refused).toMatchObject({ ok: false, error: { code: expect.stringMatching(/UNSUPPORTED|BAD_REQUEST/) } });
    await peer.close();
  });

  it('calls the listed server procedures for the page: a group with a poll, as the other members see it', async () => {
    const [ben, cy] = await Promise.all([signIn(server), signIn(server)]);
    const call = (procedure: ProcedureName, input?: unknown) => dispatch(channelOf(procedure), fromApp, input);
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
    const wrong = await dispatch(channelOf('session.verifyCode'), fromApp, { phone: newPhone(), code: '000000' });
    expect(wrong).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'That code is wrong or has expired' } });
    const notFound = await dispatch(channelOf('chats.openDirect'), fromApp, { userId: id });
    expect(notFound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
