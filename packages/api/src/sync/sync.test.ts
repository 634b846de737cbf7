import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('sync', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  serverForSuite(async (s) => {
    server = s;
    ana = await signIn(server);
    ben = await signIn(server);
    chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    return [ana, ben];
  });

  it('resumes a disconnected client from its last event id with exactly the 500 messages it missed, in order', async () => {
    const live = collectEvents(ben, '0');
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'before', text: 'before the gap' });
    await expect.poll(() => messagesOf(live).length).toBe(1);
    const lastSeen = live.lastId()!;
    live.stop();
    await ben.close();

    for (let i = 0; i < 500; i++) await ana.trpc.messages.send.mutate({ chatId, clientId: `gap-${i}`, text: `while away ${i}` });

    ben = await signIn(server, ben.phone);
    const resumed = collectEvents(ben, lastSeen);
    await expect.poll(() => messagesOf(resumed).length, { timeout: 20_000 }).toBe(500);
    expect(messagesOf(resumed).map((m) => m.text)).toEqual(Array.from({ length: 500 }, (_, i) => `while away ${i}`));
    // Nothing more arrives afterwards: exactly those 500.
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events).toHaveLength(500);
    resumed.stop();
  });

  it('pages the same events through sync.changes for a client that was away long', async () => {
    const all: string[] = [];
    let since = '0';
    for (;;) {
      const page = await ben.trpc.sync.changes.query({ since, limit: 200 });
      all.push(...page.events.map((e) => e.id));
      since = page.nextSince;
      if (!page.hasMore) break;
    }
    expect(all.length).toBeGreaterThanOrEqual(501);
    expect(all.map(Number)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('delivers a message committed while the subscription is reading its backlog exactly once', async () => {
    const sends = Array.from({ length: 40 }, (_, i) => ana.trpc.messages.send.mutate({ chatId, clientId: `race-${i}`, text: `race ${i}` }));
    const during = collectEvents(ben, '0');
    await Promise.all(sends);
    const expected = (await ben.trpc.sync.changes.query({ since: '0', limit: 1000 })).events.length;
    await expect.poll(() => during.events.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(expected);
    const ids = during.events.map((e) => Number(e.id));
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    during.stop();
  });

  it('a stream from the present delivers every message sent once it has said "started"', async () => {
    // As the web client subscribes on sign-in (no lastEventId): what Ana sends the moment Ben's
    // stream has started must reach him, however long the stream's own setup still takes.
    for (let round = 0; round < 20; round++) {
      const texts: string[] = [];
      let sent: Promise<unknown> = Promise.resolve();
      const sub = ben.trpc.sync.events.subscribe({}, {
        onStarted: () => void (sent = ana.trpc.messages.send.mutate({ chatId, clientId: `present-${round}`, text: `right after started ${round}` })),
        onData: (data) => {
          const { data: event } = data as { data: { type: string; message?: { text: string | null } } };
          if (event.type === 'message.new') texts.push(event.message!.text!);
        },
      });
      await expect.poll(() => texts, { timeout: 10_000 }).toEqual([`right after started ${round}`]);
      await sent;
      sub.unsubscribe();
    }
  });

  it("leaks nothing through another user's event id", async () => {
    const carol = await signIn(server);
    const fromAnasId = collectEvents(carol, '400');
    const fromZero = collectEvents(carol, '0');
    await Promise.all([fromAnasId.started, fromZero.started]);
    await new Promise((r) => setTimeout(r, 300));
    expect(fromAnasId.events).toHaveLength(0);
    expect(fromZero.events).toHaveLength(0);
    expect((await carol.trpc.sync.changes.query({ since: '0' })).events).toHaveLength(0);
    fromAnasId.stop();
    fromZero.stop();
    await carol.close();
  });
});
