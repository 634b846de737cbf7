import { afterAll, describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550121';
const BEN = '+12015550122';
const redisUrl = process.env.TEST_REDIS_URL;
// Several processes share one database only on PostgreSQL (PGlite is one process's file).
const runs = process.env.CONFAB_TEST_DB === 'postgres' && redisUrl ? it : it.skip;

describe('cluster over Redis', () => {
  const children = new ChildServers();
  afterAll(() => children.dispose());

  runs('delivers a message sent through one process to a subscriber on another, in order, once', async () => {
    const env = await children.environment('cluster', [ANA, BEN], { REDIS_URL: redisUrl! });
    const [one, two] = await Promise.all([children.spawn(env), children.spawn(env)]);
    const ana = await signInTestNumber(one!.url, ANA);
    const ben = await signInTestNumber(one!.url, BEN);
    const anaOnOne = createTestClient(one!.url, () => ana.accessToken);
    const anaOnTwo = createTestClient(two!.url, () => ana.accessToken);
    const benOnTwo = createTestClient(two!.url, () => ben.accessToken);
    const { id: chatId } = await anaOnOne.trpc.chats.openDirect.mutate({ userId: ben.user.id });

    const events = collectEvents({ ...benOnTwo, user: ben.user, phone: BEN, tokens: ben }, '0');
    await events.started;
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? anaOnOne : anaOnTwo).trpc.messages.send.mutate({ chatId, clientId: `c${i}`, text: `via ${i % 2 ? 'one' : 'two'} ${i}` })),
    );
    await expect.poll(() => messagesOf(events).length, { timeout: 20_000 }).toBe(100);
    expect(messagesOf(events).map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    events.stop();
    await Promise.all([anaOnOne.close(), anaOnTwo.close(), benOnTwo.close()]);
  });
});
