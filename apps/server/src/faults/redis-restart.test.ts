import { afterAll, describe, expect, it } from 'vitest';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import { collectEvents, messagesOf, type EventCollector } from '@confab/testing/event-collector';
import { hasPostgresBinaries, startPrivatePostgres } from '@confab/testing/private-postgres';
import { hasRedisServer, startPrivateRedis } from '@confab/testing/private-redis';
import { SendLoad } from '@confab/testing/send-load';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550141';
const BEN = '+12015550142';
const CARA = '+12015550143';
// The test brings its own Redis and PostgreSQL, so it runs once (not again in the postgres project).
const runs = process.env.CONFAB_TEST_DB !== 'postgres' && hasRedisServer() && hasPostgresBinaries() ? it : it.skip;

describe('Redis stopped mid-load and started again', () => {
  const children = new ChildServers();
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    await children.dispose();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  runs('loses no acknowledged message, delivers live across processes again, and heals presence', async () => {
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.stop());
    const postgres = await startPrivatePostgres();
    cleanups.push(() => postgres.dispose());
    const env = await children.environment('redis-fault', [ANA, BEN, CARA], { REDIS_URL: redis.url, DATABASE_URL: postgres.url });
    const [one, two] = await Promise.all([children.spawn(env), children.spawn(env)]);

    const [ana, ben, cara] = await Promise.all([signInTestNumber(one!.url, ANA), signInTestNumber(one!.url, BEN), signInTestNumber(one!.url, CARA)]);
    const person = (url: string, who: typeof ana, phone: string) => {
      const client = createTestClient(url, () => who.accessToken);
      cleanups.push(() => client.close());
      return { ...client, user: who.user, phone, tokens: who };
    };
    const anaOnOne = person(one!.url, ana, ANA);
    const anaOnTwo = person(two!.url, ana, ANA);
    const benOnOne = person(one!.url, ben, BEN);
    const benOnTwo = person(two!.url, ben, BEN);
    const caraOnTwo = person(two!.url, cara, CARA);
    const { id: chatId } = await anaOnOne.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    await anaOnOne.trpc.chats.openDirect.mutate({ userId: cara.user.id });

    // Ana listens on process one, Ben on process two; each sends through both.
    const anaEvents = collectEvents(anaOnOne, '0');
    const benEvents = collectEvents(benOnTwo, '0');
    await Promise.all([anaEvents.started, benEvents.started]);
    const presenceOfCara = () =>
      anaEvents.events.flatMap((e) => {
        const event = e.event as unknown as { type: string; userId?: string; online?: boolean };
        return event.type === 'presence' && event.userId === cara.user.id ? [event.online] : [];
      });
    // Cara is online through process two: Ana, on one, hears it over Redis.
    let caraStream: EventCollector = collectEvents(caraOnTwo);
    await caraStream.started;
    await expect.poll(() => presenceOfCara().at(-1)).toBe(true);

    const load = new SendLoad([
      { trpc: anaOnOne.trpc, chatId, prefix: 'ana-via-one' },
      { trpc: anaOnTwo.trpc, chatId, prefix: 'ana-via-two' },
      { trpc: benOnOne.trpc, chatId, prefix: 'ben-via-one' },
      { trpc: benOnTwo.trpc, chatId, prefix: 'ben-via-two' },
    ]);
    /** Every acknowledged send reached the other person's stream, once each, in the chat's order. */
    const expectAllDelivered = async () => {
      const sentBy = (who: string) => [...load.acknowledged].filter(([prefix]) => prefix.startsWith(who)).flatMap(([, ids]) => ids);
      for (const [events, from] of [
        [benEvents, 'ana'],
        [anaEvents, 'ben'],
      ] as const) {
        await expect
          .poll(() => {
            const received = new Set(messagesOf(events).map((m) => m.clientId));
            return sentBy(from).filter((id) => !received.has(id));
          }, { timeout: 20_000 })
          .toEqual([]);
        const seqs = messagesOf(events).filter((m) => m.chatId === chatId).map((m) => m.seq);
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
    };

    load.start();
    await expect.poll(() => load.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(40);
    await redis.stop();
    // Sends go on being stored and acknowledged while Redis is down…
    const beforeOutage = load.count();
    await expect.poll(() => load.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(beforeOutage + 40);
    // …and Cara leaves while no process can tell the others.
    caraStream.stop();
    await expect.poll(async () => (await anaOnOne.trpc.users.presence.query({ userId: cara.user.id })).online).toBe(false);
    await load.stop();
    expect(presenceOfCara().at(-1)).toBe(true);

    await redis.start();
    // What was stored during the outage reaches both streams without any further send, and
    // Cara's leaving is announced to Ana once the processes hear each other again.
    await expectAllDelivered();
    await expect.poll(() => presenceOfCara().at(-1)).toBe(false);

    // Live delivery across processes is back, under load too.
    const afterOutage = load.count();
    load.start();
    await expect.poll(() => load.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(afterOutage + 40);
    await load.stop();
    await expectAllDelivered();
    await anaOnOne.trpc.messages.send.mutate({ chatId, clientId: 'after-the-outage', text: 'still here?' });
    await expect.poll(() => messagesOf(benEvents).some((m) => m.clientId === 'after-the-outage')).toBe(true);
    caraStream = collectEvents(caraOnTwo);
    await caraStream.started;
    await expect.poll(() => presenceOfCara().at(-1)).toBe(true);
    caraStream.stop();

    expect(anaEvents.errors).toEqual([]);
    expect(benEvents.errors).toEqual([]);
    anaEvents.stop();
    benEvents.stop();
  }, 120_000);
});
