import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { ManualClock } from '../ports/clock.js';
import { connectWithToken, MINUTE, rejectionOf, START, watchEvents } from './testing/auth-test-kit.js';

/** The secret startTestServer configures; the tests forge tokens with it to isolate each check. */
const TEST_SECRET = new TextEncoder().encode('test-secret-test-secret-test-secret-0123456789');

/** SECURITY.md session item 9: only our own, unexpired HS256 tokens for this audience pass, on HTTP and on WebSocket connect. */
describe('access tokens', () => {
  const clock = new ManualClock(START);
  let server: TestServer, me: SignedInUser, sid: string;
  const open: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    server = await startTestServer({ clock });
    me = await signIn(server);
    sid = (await me.trpc.auth.sessions.query())[0]!.id;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await me?.close();
    await server?.stop();
  });

  /** Claims of a real, live session, so each forged token differs from a good one in one respect only. */
  const claims = () => {
    const now = Math.floor(clock.now().getTime() / 1000);
    return { sid, sub: me.user.id, iat: now, exp: now + 15 * 60 };
  };
  const forge = async (change: { alg?: string; iss?: string; aud?: string; exp?: number | null; secret?: Uint8Array } = {}) => {
    const { sub, iat, exp } = claims();
    const jwt = new SignJWT({ sid })
      .setProtectedHeader({ alg: change.alg ?? 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(change.iss ?? 'confab')
      .setAudience(change.aud ?? 'confab-clients')
      .setIssuedAt(iat);
    if (change.exp !== null) jwt.setExpirationTime(change.exp ?? exp);
    return jwt.sign(change.secret ?? TEST_SECRET);
  };

  /** HTTP with this bearer token: the call's error code, or 'OK'. */
  const overHttp = async (token: string) => {
    const client = createTestClient(server.url, () => token);
    open.push(client);
    const call = client.trpc.auth.sessions.query();
    return call.then(
      () => 'OK',
      async () => (await rejectionOf(call)).code,
    );
  };
  /** WebSocket connect with this token in connectionParams: 'STARTED', or the error the server refused it with. */
  const overWebSocket = async (token: string) => {
    // As the apps do it: the subscription either starts, or ends without ever starting.
    const watched = watchEvents(server.url, token);
    open.push(watched);
    await expect.poll(() => watched.starts > 0 || watched.errorCodes.length > 0).toBe(true);
    // And at the protocol level, exactly what the server answered.
    const attempt = await connectWithToken(server.url, token);
    expect(attempt.started).toBe(watched.starts > 0);
    return attempt.started ? 'STARTED' : attempt.errorCode;
  };

  it('accepts a correctly made token (so the forgeries below fail for their one flaw)', async () => {
    const good = await forge();
    expect(await overHttp(good)).toBe('OK');
    expect(await overWebSocket(good)).toBe('STARTED');
  });

  it.each([
    ['alg "none"', async () => {
      const { sub, iat, exp } = claims();
      return new UnsecuredJWT({ sid }).setSubject(sub).setIssuer('confab').setAudience('confab-clients').setIssuedAt(iat).setExpirationTime(exp).encode();
    }],
    ['another HMAC algorithm with the right secret (HS512)', () => forge({ alg: 'HS512' })],
    ['the wrong audience', () => forge({ aud: 'someone-else' })],
    ['the wrong issuer', () => forge({ iss: 'not-confab' })],
    ['no expiry', () => forge({ exp: null })],
    ['another secret', () => forge({ secret: new TextEncoder().encode('another-secret-another-secret-another-secret') })],
    ['garbage', async () => 'garbage'],
    ['three garbage segments', async () => 'abc.def.ghi'],
  ])('refuses a token with %s on HTTP and on WebSocket connect', async (_name, make) => {
    const token = await make();
    expect(await overHttp(token)).toBe('UNAUTHORIZED');
    expect(await overWebSocket(token)).toBe('UNAUTHORIZED');
  });

  it('does not accept a token from a URL query string', async () => {
    const token = await forge();
    const response = await fetch(`${server.url}/trpc/auth.sessions?access_token=${encodeURIComponent(token)}&token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(401);
  });

  it('refuses a token past its expiry (15 minutes) on HTTP and on WebSocket connect', async () => {
    const fresh = await signIn(server);
    open.push(fresh);
    expect(await overHttp(fresh.tokens.accessToken)).toBe('OK');
    clock.advance(16 * MINUTE);
    expect(await overHttp(fresh.tokens.accessToken)).toBe('UNAUTHORIZED');
    expect(await overWebSocket(fresh.tokens.accessToken)).toBe('UNAUTHORIZED');
  });
});
