import { describe, expect, it } from 'vitest';
import { newPhone } from '@confab/testing/sign-in';
import { createTestClient, type TestClient } from '@confab/testing/test-client';
import { connectWithToken, MINUTE, rejectionOf, watchEvents, type WatchedSubscription } from './testing/auth-test-kit.js';
import { authTestServer } from './testing/auth-test-server.js';

/** SECURITY.md session items 8 and 10: rotation, reuse detection, listing and ending sessions. */
describe('sessions', () => {
  const kit = authTestServer();
  const { clock, device } = kit;
  const watch = (token: string): WatchedSubscription => {
    const watched = watchEvents(kit.server.url, token);
    kit.track(watched);
    return watched;
  };
  /** A client that sends exactly this access token. */
  const withToken = (token: string): TestClient => {
    const client = createTestClient(kit.server.url, () => token);
    kit.track(client);
    return client;
  };
  const refresh = (refreshToken: string) => kit.anonymous.trpc.auth.refresh.mutate({ refreshToken });
  /** The server closed the session's socket (4001), the subscription ended, and reconnecting did not start it again. */
  const expectEnded = async (watched: WatchedSubscription) => {
    await expect.poll(() => watched.closeCodes).toContain(4001);
    await expect.poll(() => watched.errorCodes.length).toBeGreaterThan(0);
    expect(watched.starts).toBe(1);
  };

  it('rotates the refresh token on every use; the old one no longer refreshes', async () => {
    const me = await device();
    const first = me.tokens.refreshToken;
    const rotated = await refresh(first);
    expect(rotated.refreshToken).not.toBe(first);
    expect(rotated.refreshToken.length).toBeGreaterThanOrEqual(43); // 256 random bits, base64url

    await expect(withToken(rotated.accessToken).trpc.auth.sessions.query()).resolves.toHaveLength(1);
    expect((await rejectionOf(refresh(first))).code).toBe('UNAUTHORIZED');
  });

  it('ends the whole session when a spent refresh token comes back: HTTP, live socket and newest refresh token', async () => {
    const me = await device();
    const spent = me.tokens.refreshToken;
    const current = await refresh(spent);
    const live = watch(current.accessToken);
    await expect.poll(() => live.starts).toBe(1);
    await expect(withToken(current.accessToken).trpc.auth.sessions.query()).resolves.toHaveLength(1);

    // Someone replays the token that was already rotated away: it was copied.
    expect((await rejectionOf(refresh(spent))).code).toBe('UNAUTHORIZED');

    expect((await rejectionOf(withToken(current.accessToken).trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
    await expectEnded(live);
    expect((await connectWithToken(kit.server.url, current.accessToken)).errorCode).toBe('UNAUTHORIZED');
    expect((await rejectionOf(refresh(current.refreshToken))).code).toBe('UNAUTHORIZED');
  });

  it('SECURITY.md 8: one refresh token used twice at once ends the session, closing its socket, whichever use wins', async () => {
    const me = await device();
    const live = watch(me.tokens.accessToken);
    await expect.poll(() => live.starts).toBe(1);

    const uses = await Promise.allSettled([refresh(me.tokens.refreshToken), refresh(me.tokens.refreshToken)]);
    const granted = uses.flatMap((u) => (u.status === 'fulfilled' ? [u.value] : []));
    expect(granted.length).toBeLessThanOrEqual(1);
    await expectEnded(live);
    for (const tokens of granted) expect((await rejectionOf(refresh(tokens.refreshToken))).code).toBe('UNAUTHORIZED');
    expect((await rejectionOf(withToken(me.tokens.accessToken).trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
  });

  it('a replayed token ends only its own session, not the same user on other devices', async () => {
    const laptop = await device(newPhone(), 'laptop');
    const desktop = await device(laptop.phone, 'desktop');
    const spent = laptop.tokens.refreshToken;
    await refresh(spent);
    await rejectionOf(refresh(spent));
    await expect(desktop.trpc.auth.sessions.query()).resolves.toHaveLength(1);
  });

  it('refreshes for a client that still sends its expired access token', async () => {
    const me = await device();
    clock.advance(16 * MINUTE);
    // The app's HTTP link keeps sending the old bearer token; refresh must still work.
    expect((await rejectionOf(me.trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
    const fresh = await me.trpc.auth.refresh.mutate({ refreshToken: me.tokens.refreshToken });
    me.tokens.accessToken = fresh.accessToken;
    await expect(me.trpc.auth.sessions.query()).resolves.toHaveLength(1);
  });

  it('refuses an unknown refresh token', async () => {
    expect((await rejectionOf(refresh('x'.repeat(43)))).code).toBe('UNAUTHORIZED');
  });

  it("lists the user's devices and marks the current one", async () => {
    const laptop = await device(newPhone(), 'Laptop');
    const phone = await device(laptop.phone, 'Phone');
    const stranger = await device();

    const seenFromLaptop = await laptop.trpc.auth.sessions.query();
    expect(seenFromLaptop.map((s) => [s.deviceName, s.current]).sort()).toEqual([
      ['Laptop', true],
      ['Phone', false],
    ]);
    const seenFromPhone = await phone.trpc.auth.sessions.query();
    expect(seenFromPhone.find((s) => s.current)?.deviceName).toBe('Phone');
    expect((await stranger.trpc.auth.sessions.query()).map((s) => s.deviceName)).toEqual(['test device']);
  });

  it('ends another device: its token and refresh token stop working and its socket closes', async () => {
    const laptop = await device(newPhone(), 'Laptop');
    const phone = await device(laptop.phone, 'Phone');
    const phoneEvents = watch(phone.tokens.accessToken);
    await expect.poll(() => phoneEvents.starts).toBe(1);

    const phoneSession = (await laptop.trpc.auth.sessions.query()).find((s) => s.deviceName === 'Phone')!;
    await expect(laptop.trpc.auth.revokeSession.mutate({ sessionId: phoneSession.id })).resolves.toEqual({ ok: true });

    expect((await rejectionOf(phone.trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
    expect((await rejectionOf(refresh(phone.tokens.refreshToken))).code).toBe('UNAUTHORIZED');
    await expectEnded(phoneEvents);
    expect((await laptop.trpc.auth.sessions.query()).map((s) => s.deviceName)).toEqual(['Laptop']);
  });

  it("answers NOT_FOUND for someone else's session, and leaves it running", async () => {
    const me = await device();
    const other = await device();
    const [otherSession] = await other.trpc.auth.sessions.query();

    const refused = await rejectionOf(me.trpc.auth.revokeSession.mutate({ sessionId: otherSession!.id }));
    expect(refused.code).toBe('NOT_FOUND');
    expect((await rejectionOf(me.trpc.auth.revokeSession.mutate({ sessionId: 'no-such-session' }))).code).toBe('NOT_FOUND');
    await expect(other.trpc.auth.sessions.query()).resolves.toHaveLength(1);
  });

  it("logout ends the caller's session and its live subscriptions, not the user's other devices", async () => {
    const laptop = await device(newPhone(), 'Laptop');
    const phone = await device(laptop.phone, 'Phone');
    const laptopEvents = watch(laptop.tokens.accessToken);
    const phoneEvents = watch(phone.tokens.accessToken);
    await expect.poll(() => laptopEvents.starts + phoneEvents.starts).toBe(2);

    await expect(laptop.trpc.auth.logout.mutate()).resolves.toEqual({ ok: true });

    await expectEnded(laptopEvents);
    expect((await rejectionOf(laptop.trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
    expect((await rejectionOf(refresh(laptop.tokens.refreshToken))).code).toBe('UNAUTHORIZED');

    await expect(phone.trpc.auth.sessions.query()).resolves.toHaveLength(1);
    expect(phoneEvents.closeCodes).toEqual([]);
  });

  it('stores refresh tokens only as hashes', async () => {
    const me = await device();
    const rows = await kit.server.deps.db.selectFrom('sessions').selectAll().where('userId', '=', me.user.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(me.tokens.refreshToken);
  });
});
