import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hasRedisServer, startPrivateRedis, type PrivateRedis } from '@confab/testing/private-redis';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import type { AppRouter } from '../root.js';
import { rejectionOf } from './testing/auth-test-kit.js';
import { issueAccessToken } from './tokens.js';

/** A client with everything on one WebSocket, recording how the server closed it. */
function socketClient(server: TestServer, token: string | null) {
  const closeCodes: number[] = [];
  const wsClient = createWSClient({
    url: `${server.url.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token: token ?? '' }),
    // One socket per client: a closed one stays closed for the length of a test.
    retryDelayMs: () => 600_000,
    onClose: (cause) => void closeCodes.push(cause?.code ?? 0),
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return { trpc, closeCodes, close: () => wsClient.close() };
}

const sessionIdOf = async (device: SignedInUser) => (await device.trpc.auth.sessions.query()).find((s) => s.current)!.id;

/**
 * Issue 13 item 1: a socket's sign-in lasts as long as its access token and the session. Redis
 * carries the "session ended" wake-up; these tests stop it, so only the socket's own checks act.
 */
describe.skipIf(!hasRedisServer())('a WebSocket whose sign-in ends', () => {
  let redis: PrivateRedis;
  let server: TestServer;
  const open: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(c: T): T => (open.push(c), c);

  beforeAll(async () => {
    redis = await startPrivateRedis();
    server = await startTestServer({ env: { REDIS_URL: redis.url, WS_AUTH_TIMEOUT_MS: '1500' } });
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await server?.stop();
    await redis?.stop();
  });

  /** An access token of the phone's session that lives 4 s, as ACCESS_TOKEN_SECONDS=4 would issue. */
  const shortLived = async (phone: SignedInUser) =>
    issueAccessToken({ ...server.deps.auth, accessTokenSeconds: 4 }, { id: phone.user.id, sessionId: await sessionIdOf(phone) }, server.clock.now());

  /** A signed-in phone, its socket (sync.events running on it) and a second device of the same person. */
  async function socketAndLaptop(token?: (phone: SignedInUser) => Promise<string>) {
    const phone = track(await signIn(server));
    const laptop = track(await signIn(server, phone.phone, 'laptop'));
    const socket = track(socketClient(server, token ? await token(phone) : phone.tokens.accessToken));
    let started = false;
    const events = socket.trpc.sync.events.subscribe({}, { onStarted: () => void (started = true), onError: () => undefined });
    track({ close: async () => events.unsubscribe() });
    await expect.poll(() => started).toBe(true);
    return { phone, laptop, socket, sessionId: await sessionIdOf(phone) };
  }

  it('revoked while Redis is down: the next call over the socket is refused and the socket is closed', async () => {
    const { laptop, socket, sessionId } = await socketAndLaptop();
    await expect(socket.trpc.chats.list.query({})).resolves.toBeDefined();

    await redis.stop();
    try {
      await laptop.trpc.auth.revokeSession.mutate({ sessionId });
      expect((await rejectionOf(socket.trpc.chats.list.query({}))).code).toBe('UNAUTHORIZED');
      await expect.poll(() => socket.closeCodes).toContain(4001);
    } finally {
      await redis.start();
    }
  }, 120_000);

  it('SECURITY.md 8: a reused refresh token while Redis is down ends the session; its socket is refused and closed', async () => {
    const { phone, laptop, socket } = await socketAndLaptop();
    // The phone refreshes once; the old refresh token is now spent.
    const spent = phone.tokens.refreshToken;
    await phone.trpc.auth.refresh.mutate({ refreshToken: spent });

    await redis.stop();
    try {
      // Someone replays the spent token (it was copied): the whole session ends.
      expect((await rejectionOf(laptop.trpc.auth.refresh.mutate({ refreshToken: spent }))).code).toBe('UNAUTHORIZED');
      expect((await rejectionOf(socket.trpc.chats.list.query({}))).code).toBe('UNAUTHORIZED');
      await expect.poll(() => socket.closeCodes).toContain(4001);
    } finally {
      await redis.start();
    }
  }, 120_000);

  it('revoked while Redis is down and never called again: the socket is closed when its token expires', async () => {
    const { laptop, socket, sessionId } = await socketAndLaptop(shortLived);
    await redis.stop();
    try {
      await laptop.trpc.auth.revokeSession.mutate({ sessionId });
      await expect.poll(() => socket.closeCodes, { timeout: 30_000 }).toContain(4002);
    } finally {
      await redis.start();
    }
  }, 120_000);

  it('a socket that sends a refreshed token before its first one expires stays open and signed in', async () => {
    const { phone, socket } = await socketAndLaptop(shortLived);

    const refreshed = await phone.trpc.auth.refresh.mutate({ refreshToken: phone.tokens.refreshToken });
    const renewed = await socket.trpc.auth.authenticateSocket.mutate({ accessToken: refreshed.accessToken });
    // The token's own expiry (whole seconds), the one the client was told.
    expect(Math.abs(Date.parse(renewed.expiresAt) - Date.parse(refreshed.accessTokenExpiresAt))).toBeLessThan(1000);

    // Past the first token's lifetime, the same socket still answers as the same person.
    await new Promise((r) => setTimeout(r, 5_000));
    await expect(socket.trpc.me.get.query()).resolves.toMatchObject({ id: phone.user.id });
    expect(socket.closeCodes).toEqual([]);
  });

  it('an anonymous socket is closed unless it signs in within WS_AUTH_TIMEOUT_MS; one that signs in stays', async () => {
    const idle = track(socketClient(server, null));
    const joining = track(socketClient(server, null));
    const ana = track(await signIn(server));
    await joining.trpc.auth.authenticateSocket.mutate({ accessToken: ana.tokens.accessToken });

    await expect.poll(() => idle.closeCodes, { timeout: 30_000 }).toContain(4003);
    await expect(joining.trpc.me.get.query()).resolves.toMatchObject({ id: ana.user.id });
    expect(joining.closeCodes).toEqual([]);
  });

  it('refuses a token that is not valid, one of another session, and the call over HTTP', async () => {
    const ana = track(await signIn(server));
    const other = track(await signIn(server));
    const socket = track(socketClient(server, ana.tokens.accessToken));

    expect((await rejectionOf(socket.trpc.auth.authenticateSocket.mutate({ accessToken: 'not-a-token' }))).code).toBe('UNAUTHORIZED');
    expect((await rejectionOf(socket.trpc.auth.authenticateSocket.mutate({ accessToken: other.tokens.accessToken }))).code).toBe('BAD_REQUEST');
    expect((await rejectionOf(ana.trpc.auth.authenticateSocket.mutate({ accessToken: ana.tokens.accessToken }))).code).toBe('BAD_REQUEST');
    // Still signed in as ana after the refusals.
    await expect(socket.trpc.me.get.query()).resolves.toMatchObject({ id: ana.user.id });
  });
});
