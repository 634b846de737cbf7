import { afterAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '@confab/api/auth/testing/auth-test-kit';
import { ChildServers } from '@confab/testing/child-servers';
import { hasRedisServer, startPrivateRedis, type PrivateRedis } from '@confab/testing/private-redis';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550131';

/**
 * Issue 13: with REDIS_URL every process counts rate limits in Redis. The two processes here
 * have a database each, so only Redis can know what the other one allowed.
 */
describe.skipIf(!hasRedisServer())('rate limits shared through Redis', () => {
  const children = new ChildServers();
  let redis: PrivateRedis | undefined;
  afterAll(async () => {
    await children.dispose();
    await redis?.stop();
  });

  it('refuses the 6th code request for one number when the requests alternate between two processes', async () => {
    redis = await startPrivateRedis();
    const [one, two] = await Promise.all([
      children.environment('limits-one', [ANA], { REDIS_URL: redis.url }).then((env) => children.spawn(env)),
      children.environment('limits-two', [ANA], { REDIS_URL: redis.url }).then((env) => children.spawn(env)),
    ]);
    const clients = [createTestClient(one!.url), createTestClient(two!.url)];
    try {
      for (let i = 0; i < 5; i++) await expect(clients[i % 2]!.trpc.auth.requestCode.mutate({ phone: ANA })).resolves.toMatchObject({ phone: ANA });
      const sixth = await rejectionOf(clients[1]!.trpc.auth.requestCode.mutate({ phone: ANA }));
      expect(sixth).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('Too many codes requested for this number') });
      expect(sixth.retryAfterSeconds).toBeGreaterThan(0);
      // And on the first process too.
      expect((await rejectionOf(clients[0]!.trpc.auth.requestCode.mutate({ phone: ANA }))).code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  }, 180_000);
});
