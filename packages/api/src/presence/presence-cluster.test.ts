import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550131';
const BEN = '+12015550132';
const redisUrl = process.env.TEST_REDIS_URL;
// Several processes share one database only on PostgreSQL (PGlite is one process's file).
const runs = process.env.CONFAB_TEST_DB === 'postgres' && redisUrl ? it : it.skip;

describe('presence across server processes', () => {
  const children = new ChildServers();
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await children.dispose();
  });

  runs('counts streams on every process: online while any is open, offline (announced everywhere) once the last closes', async () => {
    const env = await children.environment('presence', [ANA, BEN], { REDIS_URL: redisUrl! });
    const [one, two] = await Promise.all([children.spawn(env), children.spawn(env)]);
    const sql = new pg.Client({ connectionString: env.DATABASE_URL });
    await sql.connect();
    cleanups.push(() => sql.end());
    /** How many processes have a row saying they hold a stream of the user. */
    const processesHolding = async (userId: string) => (await sql.query('select count(*)::int as n from presence_connections where user_id = $1', [userId])).rows[0].n as number;
    const ana = await signInTestNumber(one!.url, ANA);
    const ben = await signInTestNumber(one!.url, BEN);
    const as = (url: string, who: typeof ana, phone: string) => ({ ...createTestClient(url, () => who.accessToken), user: who.user, phone, tokens: who });
    const anaOnOne = as(one!.url, ana, ANA);
    const benOnOne = as(one!.url, ben, BEN);
    const benOnTwo = as(two!.url, ben, BEN);
    await anaOnOne.trpc.chats.openDirect.mutate({ userId: ben.user.id });

    const anaEvents = collectEvents(anaOnOne);
    await anaEvents.started;
    const presence = () => anaEvents.events.filter((e) => e.event.type === 'presence').map((e) => e.event as unknown as { online: boolean; lastSeenAt: string | null });
    const benOnlineAsSeenByAna = async () => (await anaOnOne.trpc.users.presence.query({ userId: ben.user.id })).online;

    // Ben opens a stream on process two: process one learns it from the shared rows, Ana from Redis.
    const streamOnTwo = collectEvents(benOnTwo);
    await streamOnTwo.started;
    await expect.poll(presence, { timeout: 10_000 }).toEqual([{ type: 'presence', userId: ben.user.id, online: true, lastSeenAt: null }]);
    await expect.poll(benOnlineAsSeenByAna).toBe(true);

    // A second stream on process one, then the first closes: still online, nothing announced.
    const streamOnOne = collectEvents(benOnOne);
    await streamOnOne.started;
    await expect.poll(() => processesHolding(ben.user.id)).toBe(2);
    streamOnTwo.stop();
    await expect.poll(() => processesHolding(ben.user.id)).toBe(1);
    expect(await benOnlineAsSeenByAna()).toBe(true);
    expect(presence()).toHaveLength(1);

    // The last one closes: offline, with a last-seen time.
    streamOnOne.stop();
    await expect.poll(() => presence().at(-1), { timeout: 10_000 }).toMatchObject({ online: false });
    expect(presence().at(-1)!.lastSeenAt).not.toBeNull();
    expect(await benOnlineAsSeenByAna()).toBe(false);

    anaEvents.stop();
    await Promise.all([anaOnOne.close(), benOnOne.close(), benOnTwo.close()]);
  });
});
