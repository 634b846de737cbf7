import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { APP_ORIGIN } from '../main/security.js';
import { contentSecurityPolicy } from '../main/protocol.js';
import { channelOf, EVENT_CHANNEL } from '../shared/bridge.js';
import { PROCEDURE_NAMES } from '../shared/procedures/index.js';
import { ensureDesktopBuild, mainBundle } from './build.js';

const fakeElectron = path.join(import.meta.dirname, 'fake-electron');

/**
 * The built main process (out/main/index.js, as packaged) booted under Node with a stand-in for
 * Electron's API: what it does with windows, the app:// protocol, IPC, the tray and quitting,
 * against a real server. The Electron binary itself never runs here.
 */
describe('the built main process on an Electron stand-in', () => {
  let server: TestServer, userData: string, facts: Record<string, any>, ben: SignedInUser;
  const phone = newPhone();

  beforeAll(async () => {
    await ensureDesktopBuild();
    server = await startTestServer();
    ben = await signIn(server);
    await ben.trpc.me.update.mutate({ name: 'Ben' });
    let chatId = '';
    userData = mkdtempSync(path.join(tmpdir(), 'confab-main-'));
    const child = spawn(process.execPath, ['--import', path.join(fakeElectron, 'register.mjs'), path.join(fakeElectron, 'drive-main.mjs'), mainBundle, phone], {
      env: { ...process.env, CONFAB_SERVER_URL: server.url, FAKE_ELECTRON_USER_DATA: userData, NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    for await (const line of createInterface({ input: child.stdout })) {
      if (line === 'NEED_CODE') child.stdin.write(`${server.codes.get(phone)}\n`);
      const [request, arg] = line.split(' ');
      if (request === 'CHAT') {
        chatId = (await ben.trpc.chats.openDirect.mutate({ userId: arg! })).id;
        await ben.trpc.messages.send.mutate({ chatId, clientId: 'hello', text: 'Can I call you?' });
        child.stdin.write(`${chatId}\n`);
      }
      if (request === 'CALL') child.stdin.write(`${(await ben.trpc.calls.start.mutate({ chatId, video: arg === 'video' })).callId}\n`);
      if (request === 'HANGUP') child.stdin.write(`${(await ben.trpc.calls.end.mutate({ callId: arg! })).state}\n`);
      if (line.startsWith('FACTS ')) facts = JSON.parse(line.slice('FACTS '.length));
    }
    const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));
    if (!facts) throw new Error(`the main process did not report (exit ${code}):\n${stderr}`);
  }, 180_000);

  afterAll(async () => {
    await ben?.close();
    await server?.stop();
    rmSync(userData, { recursive: true, force: true });
  });

  it('opens one hardened window on app://confab with the sandboxed preload', () => {
    expect(facts.name).toBe('Confab');
    expect(facts.loadedUrl).toBe(`${APP_ORIGIN}/index.html`);
    expect(facts.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(facts.webPreferences.webSecurity).toBeUndefined();
    expect(facts.webPreferences.preload).toMatch(/out\/preload\/index\.cjs$/);
    expect(facts.preloadExists).toBe(true);
  });

  it('serves the renderer from the privileged app:// scheme with the CSP pinned to the server', () => {
    expect(facts.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(facts.page).toEqual({ status: 200, csp: contentSecurityPolicy(server.url), hasRoot: true });
  });

  it('hardens the window: navigation cancelled, window.open denied, one external open per allowed link, permissions allow-listed', () => {
    expect(facts.willNavigateCancelled).toBe(true);
    expect(facts.windowOpen).toEqual({ action: 'deny' });
    expect(facts.windowOpenFile).toEqual({ action: 'deny' });
    expect(facts.openedExternally).toEqual(['https://example.com/article', 'https://example.com/link']);
    expect(facts.permissions).toEqual({ notifications: true, geolocation: false, media: true });
  });

  it('answers exactly the allow-listed IPC channels, checking sender and payload', () => {
    expect(facts.channels).toEqual(PROCEDURE_NAMES.map(channelOf));
    expect(facts.restore).toEqual({ ok: true, value: { user: null } });
    expect(facts.fromIframe).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(facts.badPayload).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('signs in through IPC: the refresh token is sealed with safeStorage, events reach the page', () => {
    expect(facts.requestCode).toMatchObject({ ok: true });
    expect(facts.verifyCode).toMatchObject({ ok: true, value: { user: { phone } } });
    const sealed = (JSON.parse(facts.secretsFile) as { values: Record<string, string> }).values['confab.refreshToken']!;
    expect(Buffer.from(sealed, 'base64').toString()).toMatch(/^sealed:/);
    expect(facts.eventChannels).toEqual([EVENT_CHANNEL]);
    expect(facts.listChats).toEqual({ ok: true, value: { chats: [], nextCursor: null } });
  });

  it('rings with the window raised and Answer/Decline; Decline refuses, a call given up on is missed, the tray hangs up a call answered here', () => {
    expect(facts.ringing).toEqual({
      title: 'Ben is calling (video)',
      body: 'Incoming video call',
      actions: [
        { type: 'button', text: 'Answer' },
        { type: 'button', text: 'Decline' },
      ],
      shown: true,
      windowRaised: true,
    });
    expect(facts.declined).toBe('declined');
    expect(facts.missed).toEqual({ ringClosed: true, title: 'Missed voice call from Ben', actions: null });
    expect(facts.accepted).toBe(true);
    expect(facts.inCallTray).toEqual({ tooltip: 'Confab — In call with Ben · 1 unread message', firstItem: 'In call with Ben — Hang up' });
    expect(facts.hangUp).toEqual({ toPage: true, endReason: 'completed', tooltip: 'Confab — 1 unread message' });
  });

  it('lives in the tray: unread count in the tooltip, close hides, quit closes for real', () => {
    expect(facts.trayIconExists).toBe(true);
    expect(facts.tray).toEqual({ tooltip: 'Confab — no unread messages', title: '', menu: ['Open Confab', 'Mute notifications for 1 hour', 'separator', 'Quit Confab'] });
    expect(facts.closeHides).toBe(true);
    expect(facts.activateShows).toBe(true);
    expect(facts.quitCloseLetsWindowGo).toBe(true);
  });
});
