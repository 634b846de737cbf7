import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import { SecretKeys } from '../session/auth-session.js';
import { disposeAll, makeCore, RestartableServer, signInCore, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

const DAY_MS = 86_400_000;

/**
 * The server keeps one day of events (EVENT_RETENTION_DAYS=1). Ana's desktop app is closed for
 * two days with a message waiting in its outbox; meanwhile her chats change. When it opens, the
 * events after its stored id are gone: it rebuilds its chat list and recent history from the
 * server, and the waiting message still goes out, once.
 */
describe('desktop core resync after the server pruned its events', () => {
  const host = new RestartableServer();
  host.env = { EVENT_RETENTION_DAYS: '1' };
  // Only the most recent chat gets its history on a (re)load, so the others show what a rebuild drops.
  const coreOptions = { historyChats: 1 };
  let ana: TestCore, anaId: string, ben: SignedInUser, carol: SignedInUser, dave: SignedInUser;
  let benChat: string, carolChat: string, carolOld: string;

  const texts = async (chatId: string) => (await ana.core.messages.read(chatId)).messages.map((m) => m.text);

  beforeAll(async () => {
    await host.start();
    ana = makeCore(host.url, undefined, coreOptions);
    const signedIn = await signInCore(ana.core, host.server);
    anaId = signedIn.user.id;
    await waitForState(ana.core, 'online');
    [ben, carol] = await Promise.all([signIn(host.server), signIn(host.server)]);
    carolChat = (await carol.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    carolOld = (await carol.trpc.messages.send.mutate({ chatId: carolChat, clientId: 'c1', text: 'my old address is 5 Elm St' })).id;
    await carol.trpc.messages.send.mutate({ chatId: carolChat, clientId: 'c2', text: 'see you' });
    benChat = (await ben.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    for (let i = 1; i <= 3; i++) await ben.trpc.messages.send.mutate({ chatId: benChat, clientId: `b${i}`, text: `before ${i}` });
    await waitUntil(async () => (await texts(benChat)).length === 3 && (await texts(carolChat)).length === 2, 'both chats are cached');
  });

  afterAll(() => disposeAll(host, ana, ben, carol, dave));

  it('rebuilds the chat list and recent history, drops what changed unseen, and sends the outbox once', async () => {
    // Offline, Ana writes to Ben; then the app quits with the message in its outbox.
    await host.stop();
    await waitForState(ana.core, 'offline');
    const pending = await ana.core.outbox.send(benChat, 'written offline');
    expect(pending).toMatchObject({ status: 'pending', seq: null });
    await ana.core.close();

    // While she is away: Carol deletes an old message for everyone, Dave starts a chat, Ben writes.
    await host.start();
    await carol.trpc.messages.delete.mutate({ messageId: carolOld, forEveryone: true });
    host.clock.advance(2 * DAY_MS);
    [ben, carol] = await Promise.all([signIn(host.server, ben.phone), signIn(host.server, carol.phone)]);
    dave = await signIn(host.server);
    const daveChat = (await dave.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    await dave.trpc.messages.send.mutate({ chatId: daveChat, clientId: 'd1', text: 'hi from Dave' });
    // A second later, so Ben's chat is the most recent (the test clock stands still otherwise).
    host.clock.advance(1000);
    await ben.trpc.messages.send.mutate({ chatId: benChat, clientId: 'b4', text: 'after the gap' });
    await host.server.jobs.pruneEvents();

    ana = makeCore(host.url, { dataDir: ana.dataDir, secrets: ana.secrets }, coreOptions);
    expect((await ana.core.start()).signedIn).toBe(true);
    await waitForState(ana.core, 'online');
    await waitUntil(async () => (await ana.core.diagnostics()).outboxSize === 0, 'the outbox is empty');
    expect(ana.events).toContainEqual({ type: 'shell.resynced' });

    // The chat list is the server's, the new chat included.
    const chats = await ana.core.chats.list();
    expect(chats.map((c) => c.id).sort()).toEqual([benChat, carolChat, daveChat].sort());
    // Ben's chat (the most recent) has its history again, and the offline message went out once.
    await waitUntil(async () => (await ana.core.messages.read(benChat)).messages.every((m) => m.status === 'sent'), 'the offline message is confirmed');
    expect(await texts(benChat)).toEqual(['before 1', 'before 2', 'before 3', 'after the gap', 'written offline']);
    const serverTexts = (await ben.trpc.messages.history.query({ chatId: benChat, limit: 50 })).messages.map((m) => m.text);
    expect(serverTexts.filter((t) => t === 'written offline')).toHaveLength(1);

    // Carol's deleted message, whose deletion Ana's cache never heard of, is not shown any more.
    expect(await texts(carolChat)).not.toContain('my old address is 5 Elm St');
    expect((await ana.core.search.search('Elm')).hits).toEqual([]);
    const opened = await ana.core.messages.openChat(carolChat);
    expect(opened.messages.map((m) => m.text)).not.toContain('my old address is 5 Elm St');
    expect(opened.messages.map((m) => m.text)).toContain('see you');
  });

  it('keeps syncing live from the head it rebuilt at', async () => {
    await ben.trpc.messages.send.mutate({ chatId: benChat, clientId: 'b5', text: 'live again' });
    await waitUntil(async () => (await texts(benChat)).at(-1) === 'live again', 'the live message arrives');
    // Her cache stands at her stream's head: the next restart resumes instead of rebuilding again.
    const direct = createTestClient(host.url, () => ana.secrets.values.get(SecretKeys.accessToken) ?? null);
    const head = (await direct.trpc.sync.changes.query({ since: '999999999999999', limit: 1 })).nextSince;
    await direct.close();
    await waitUntil(async () => (await ana.core.diagnostics()).lastEventId === head, "the cache's event id reaches the head");
  });
});
