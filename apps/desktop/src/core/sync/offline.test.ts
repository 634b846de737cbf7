import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import { SecretKeys } from '../session/auth-session.js';
import { disposeAll, makeCore, onlineCore, RestartableServer, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

/**
 * Ana uses the desktop app; Ben uses the API directly. The server is stopped and restarted on
 * the same database while Ana keeps working.
 */
describe('desktop core offline', () => {
  const host = new RestartableServer();
  let ana: TestCore, ben: SignedInUser, chatId: string;

  const texts = async (core: TestCore) => (await core.core.messages.read(chatId)).messages.map((m) => m.text);
  const serverTexts = async () => (await ben.trpc.messages.history.query({ chatId, limit: 200 })).messages.map((m) => m.text);

  beforeAll(async () => {
    await host.start();
    const online = await onlineCore(host);
    ana = online;
    ben = await signIn(host.server);
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: online.user.id })).id;
    for (const text of ['We are counting the votes tonight', '我们昨天在公园里说你好世界然后回家了', '昨日は東京タワーに行きました', 'See you at the café']) {
      await ben.trpc.messages.send.mutate({ chatId, clientId: text, text });
    }
  });

  afterAll(() => disposeAll(host, ana, ben));

  it('receives live messages into the cache, and notifies about them', async () => {
    await waitUntil(async () => (await texts(ana)).length === 4, 'four messages are cached');
    const [chat] = await ana.core.chats.list();
    expect(chat).toMatchObject({ id: chatId, unreadCount: 4, title: expect.any(String) });
    expect((await ana.core.notifications.unread()).total).toBe(4);
    const notes = ana.events.flatMap((e) => (e.type === 'os.notification' ? [e.notification] : []));
    expect(notes.at(-1)).toMatchObject({ chatId, body: 'See you at the café' });
  });

  it('answers history and search from the cache while the server is down', async () => {
    await host.stop();
    await waitForState(ana.core, 'offline');
    expect(await texts(ana)).toEqual(['We are counting the votes tonight', '我们昨天在公园里说你好世界然后回家了', '昨日は東京タワーに行きました', 'See you at the café']);
    const found = async (query: string) => (await ana.core.search.search(query)).hits.map((h) => h.message.text);
    expect(await found('counted')).toEqual(['We are counting the votes tonight']);
    expect(await found('cafe')).toEqual(['See you at the café']);
    expect(await found('你好')).toEqual(['我们昨天在公园里说你好世界然后回家了']);
    expect(await found('東京タワー')).toEqual(['昨日は東京タワーに行きました']);
    expect((await ana.core.chats.list()).map((c) => c.id)).toEqual([chatId]);
  });

  it('keeps messages written offline in the outbox, across an app restart', async () => {
    const first = await ana.core.outbox.send(chatId, 'offline one');
    await ana.core.outbox.send(chatId, 'offline two');
    expect(first).toMatchObject({ status: 'pending', seq: null, mine: true, id: `local:${first.clientId}` });
    expect((await ana.core.diagnostics()).outboxSize).toBe(2);

    // The app quits while offline; a new process opens the same cache and secrets.
    await ana.core.close();
    ana = makeCore(host.url, { dataDir: ana.dataDir, secrets: ana.secrets });
    await ana.core.start();
    expect((await texts(ana)).slice(-2)).toEqual(['offline one', 'offline two']);
    await ana.core.outbox.send(chatId, 'offline three');
    expect((await ana.core.messages.read(chatId)).messages.slice(-3).map((m) => m.status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('delivers them once, in order, when the server is back, even one the server already had', async () => {
    // As if the app had crashed after the server stored "offline one" but before the cache
    // recorded it: the same clientId reaches the server twice.
    const pending = (await ana.core.messages.read(chatId)).messages.find((m) => m.text === 'offline one')!;
    await host.start();
    const direct = createTestClient(host.url, () => ana.secrets.values.get(SecretKeys.accessToken) ?? null);
    await direct.trpc.messages.send.mutate({ chatId, clientId: pending.clientId, text: 'offline one' });
    await direct.close();

    await waitForState(ana.core, 'online');
    await waitUntil(async () => (await ana.core.diagnostics()).outboxSize === 0, 'the outbox is empty');
    expect((await serverTexts()).slice(-3)).toEqual(['offline one', 'offline two', 'offline three']);
    expect((await serverTexts()).filter((t) => t?.startsWith('offline'))).toHaveLength(3);

    await waitUntil(async () => (await ana.core.messages.read(chatId)).messages.every((m) => m.status === 'sent'), 'every message is confirmed');
    const mine = (await ana.core.messages.read(chatId)).messages.slice(-3);
    expect(mine.map((m) => [m.text, m.seq])).toEqual([
      ['offline one', 5],
      ['offline two', 6],
      ['offline three', 7],
    ]);
    expect(mine.every((m) => !m.id.startsWith('local:'))).toBe(true);
    // Sending read everything before it, as on the server.
    expect((await ana.core.chats.get(chatId))?.unreadCount).toBe(0);
  });

  it('receives what was sent while it was away', async () => {
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'back', text: 'welcome back' });
    await waitUntil(async () => (await texts(ana)).at(-1) === 'welcome back', 'the new message arrives');
    expect((await ana.core.search.search('welcome')).hits).toHaveLength(1);
  });
});
