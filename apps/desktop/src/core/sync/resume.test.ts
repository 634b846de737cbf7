import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import { SecretKeys } from '../session/auth-session.js';
import { disposeAll, makeCore, RestartableServer, signInCore, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

describe('desktop core restarts and sessions', () => {
  const host = new RestartableServer();
  let ana: TestCore, anaId: string, anaPhone: string, ben: SignedInUser, chatId: string;

  /** Ben's test client does not refresh by itself. */
  const refreshBen = async () => {
    const anonymous = createTestClient(host.url);
    Object.assign(ben.tokens, await anonymous.trpc.auth.refresh.mutate({ refreshToken: ben.tokens.refreshToken }));
    await anonymous.close();
  };
  const texts = async () => (await ana.core.messages.read(chatId)).messages.map((m) => m.text);

  beforeAll(async () => {
    await host.start();
    ben = await signIn(host.server);
    // Ana already has history before she first signs in on this desktop.
    ana = makeCore(host.url);
    const anaUser = await signIn(host.server);
    anaId = anaUser.user.id;
    anaPhone = anaUser.phone;
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    for (let i = 1; i <= 60; i++) await ben.trpc.messages.send.mutate({ chatId, clientId: `old-${i}`, text: `old message ${i}` });
    await anaUser.close();
  });

  afterAll(() => disposeAll(host, ana, ben));

  it('first loads the chat list and recent history, then pages older history from the server', async () => {
    await signInCore(ana.core, host.server, anaPhone);
    await waitForState(ana.core, 'online');
    const [chat] = await ana.core.chats.list();
    expect(chat).toMatchObject({ id: chatId, unreadCount: 60, lastSeq: 60 });
    const newest = await ana.core.messages.openChat(chatId);
    expect(newest.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 11));
    expect(newest.hasMoreOlder).toBe(true);
    const older = await ana.core.messages.loadOlder(chatId, 11);
    expect(older.messages.map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(older.hasMoreOlder).toBe(false);
  });

  it('after a restart, resumes from the stored event id and fetches only what is new', async () => {
    const before = await ana.core.diagnostics();
    await ana.core.close();

    await ben.trpc.messages.send.mutate({ chatId, clientId: 'new-1', text: 'while you were away' });
    const second = await ben.trpc.messages.send.mutate({ chatId, clientId: 'new-2', text: 'and again' });
    await ben.trpc.messages.react.mutate({ messageId: second.id, emoji: '👍' });

    ana = makeCore(host.url, { dataDir: ana.dataDir, secrets: ana.secrets });
    const { signedIn } = await ana.core.start();
    expect(signedIn).toBe(true);
    // The cache answers before the network does.
    expect((await texts()).at(-1)).toBe('old message 60');
    await waitForState(ana.core, 'online');

    const after = await ana.core.diagnostics();
    expect(after.eventsApplied).toBe(3);
    expect(after.changesPagesFetched).toBe(1);
    expect(Number(after.lastEventId)).toBe(Number(before.lastEventId) + 3);
    expect((await texts()).slice(-2)).toEqual(['while you were away', 'and again']);
    expect((await ana.core.messages.read(chatId)).messages.at(-1)?.reactions).toEqual([{ userId: ben.user.id, emoji: '👍' }]);
    expect((await ana.core.chats.get(chatId))?.unreadCount).toBe(62);
  });

  it('keeps syncing live after the restart, and read marks travel both ways', async () => {
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'live', text: 'live again' });
    await waitUntil(async () => (await texts()).at(-1) === 'live again', 'the live message arrives');
    // Sending moved Ben's read mark to his message.
    expect((await ana.core.chats.get(chatId))?.othersReadSeq).toBe(63);
    await ana.core.chats.markRead(chatId);
    expect((await ana.core.chats.get(chatId))?.unreadCount).toBe(0);
    await waitUntil(async () => (await ben.trpc.chats.get.query({ chatId })).peer !== null && (await ana.core.diagnostics()).outboxSize === 0, 'the read mark reached the server');

    await ana.core.outbox.send(chatId, 'a reply');
    await waitUntil(async () => (await ana.core.diagnostics()).outboxSize === 0, 'the reply is sent');
    await ben.trpc.chats.markRead.mutate({ chatId, seq: 64 });
    await waitUntil(async () => (await ana.core.chats.get(chatId))?.othersReadSeq === 64, "Ben's read receipt arrives");
  });

  it('refreshes an expired access token, storing the rotated refresh token', async () => {
    const refreshBefore = ana.secrets.values.get(SecretKeys.refreshToken);
    host.clock.advance(16 * 60 * 1000);
    await refreshBen();
    await ana.core.outbox.send(chatId, 'after the token expired');
    await waitUntil(async () => (await ana.core.diagnostics()).outboxSize === 0, 'the send went through');
    expect(ana.secrets.values.get(SecretKeys.refreshToken)).not.toBe(refreshBefore);
    const serverTexts = (await ben.trpc.messages.history.query({ chatId, limit: 1 })).messages.map((m) => m.text);
    expect(serverTexts).toEqual(['after the token expired']);

    // A reconnecting socket with an expired token is refused, refreshes and resumes.
    host.clock.advance(16 * 60 * 1000);
    await refreshBen();
    await host.stop();
    await waitForState(ana.core, 'offline');
    await host.start();
    await waitForState(ana.core, 'online');
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'after-restart', text: 'still here' });
    await waitUntil(async () => (await texts()).at(-1) === 'still here', 'the message after the reconnect arrives');
  });

  it('signing out ends the session on the server and removes tokens and cache', async () => {
    const refreshToken = ana.secrets.values.get(SecretKeys.refreshToken)!;
    await ana.core.session.signOut();
    expect(ana.secrets.values.size).toBe(0);
    expect(await ana.core.session.me()).toBeNull();
    expect(await ana.core.chats.list()).toEqual([]);
    expect((await ana.core.search.search('message')).hits).toEqual([]);
    expect(existsSync(path.join(ana.dataDir, 'cache.sqlite'))).toBe(true);
    expect(ana.events.at(-1)).toEqual({ type: 'shell.signedOut', reason: 'signed-out' });
    const anonymous = createTestClient(host.url);
    await expect(anonymous.trpc.auth.refresh.mutate({ refreshToken })).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await anonymous.close();
  });

  it('a session revoked from another device signs the desktop out', async () => {
    await signInCore(ana.core, host.server, anaPhone);
    await waitForState(ana.core, 'online');
    const phone = await signIn(host.server, anaPhone, 'phone');
    const desktop = (await phone.trpc.auth.sessions.query()).find((s) => s.deviceName === 'Confab Desktop (test)')!;
    await phone.trpc.auth.revokeSession.mutate({ sessionId: desktop.id });
    await waitUntil(async () => (await ana.core.session.me()) === null, 'the desktop is signed out');
    expect(ana.events.at(-1)).toEqual({ type: 'shell.signedOut', reason: 'session-ended' });
    expect(ana.secrets.values.size).toBe(0);
    expect(await ana.core.chats.list()).toEqual([]);
    await phone.close();
  });
});
