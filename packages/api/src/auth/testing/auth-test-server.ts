import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient, type TestClient } from '@confab/testing/test-client';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { ManualClock } from '../../ports/clock.js';
import { START, watchEvents, type WatchedSubscription } from './auth-test-kit.js';

/**
 * The session suites' fixture, registered in the calling `describe`: one server on a clock the
 * tests move (from START), an anonymous client for auth calls, and every device, client and
 * subscription a test opens, closed after it (ended sessions' sockets keep trying to reconnect).
 */
export function authTestServer() {
  const clock = new ManualClock(START);
  const open: { close(): Promise<void> }[] = [];
  let server: TestServer | undefined;
  let anonymous: TestClient | undefined;

  beforeAll(async () => {
    server = await startTestServer({ clock });
    anonymous = createTestClient(server.url);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await anonymous?.close();
    await server?.stop();
  });

  const kit = {
    clock,
    get server(): TestServer {
      return server!;
    },
    get anonymous(): TestClient {
      return anonymous!;
    },
    /** Closed after the test. */
    track<T extends { close(): Promise<void> }>(opened: T): T {
      open.push(opened);
      return opened;
    },
    /** A device signed in for this test. */
    device: async (phone?: string, name?: string): Promise<SignedInUser> => kit.track(await signIn(kit.server, phone, name)),
    /** `sync.events` opened with this token and started, closed after the test. */
    watch: async (token: string): Promise<WatchedSubscription> => {
      const watched = kit.track(watchEvents(kit.server.url, token));
      await expect.poll(() => watched.starts).toBe(1);
      return watched;
    },
  };
  return kit;
}
