import { describe, expect, it } from 'vitest';
import { newPhone, type SignedInUser } from '@confab/testing/sign-in';
import { runAuthHousekeeping } from './auth-housekeeping.js';
import { MINUTE, rejectionOf } from './testing/auth-test-kit.js';
import { authTestServer } from './testing/auth-test-server.js';

const DAY = 24 * 60 * MINUTE;

/** Auth tables stop growing for ever, without weakening reuse detection, lockouts or limits. */
describe('auth housekeeping', () => {
  const kit = authTestServer();
  const { clock, device, watch } = kit;
  /** Refreshes as an app does; returns the token it spent. */
  const refresh = async (me: SignedInUser): Promise<string> => {
    const spent = me.tokens.refreshToken;
    const fresh = await kit.anonymous.trpc.auth.refresh.mutate({ refreshToken: spent });
    me.tokens.accessToken = fresh.accessToken;
    me.tokens.refreshToken = fresh.refreshToken;
    return spent;
  };
  const replay = (refreshToken: string) => rejectionOf(kit.anonymous.trpc.auth.refresh.mutate({ refreshToken }));
  const sessionIdOf = async (me: SignedInUser) => (await me.trpc.auth.sessions.query()).find((s) => s.current)!.id;
  const spentTokensOf = async (sessionId: string) =>
    (await kit.server.deps.db.selectFrom('spentRefreshTokens').select('spentAt').where('sessionId', '=', sessionId).orderBy('spentAt').execute()).map((r) =>
      new Date(r.spentAt).toISOString(),
    );
  const sessionRow = (sessionId: string) => kit.server.deps.db.selectFrom('sessions').select(['id', 'revokedAt']).where('id', '=', sessionId).executeTakeFirst();
  const housekeeping = () => runAuthHousekeeping(kit.server.deps);

  it('a spent refresh token replayed after housekeeping ran still ends the live session it was copied from', async () => {
    const me = await device();
    const copied = await refresh(me); // spent now; a thief may hold a copy
    clock.advance(20 * DAY);
    await refresh(me);
    clock.advance(9 * DAY);
    await refresh(me); // the session stays alive; the copied token is 29 days old
    const events = await watch(me.tokens.accessToken);
    await kit.server.jobs.authHousekeeping();

    expect((await replay(copied)).code).toBe('UNAUTHORIZED');

    await expect.poll(() => events.closeCodes).toContain(4001);
    expect((await replay(me.tokens.refreshToken)).code).toBe('UNAUTHORIZED');
    expect((await rejectionOf(me.trpc.auth.sessions.query())).code).toBe('UNAUTHORIZED');
  });

  it("keeps a live session's spent tokens for the idle period, then deletes them", async () => {
    const me = await device();
    const sessionId = await sessionIdOf(me);
    await refresh(me);
    const firstSpentAt = clock.now().toISOString();
    clock.advance(20 * DAY);
    await refresh(me);
    const secondSpentAt = clock.now().toISOString();

    await housekeeping();
    expect(await spentTokensOf(sessionId)).toEqual([firstSpentAt, secondSpentAt]);

    clock.advance(10 * DAY + MINUTE);
    await refresh(me); // used: the session lives on
    const { spentRefreshTokens } = await housekeeping();
    expect(spentRefreshTokens).toBeGreaterThanOrEqual(1);
    expect(await spentTokensOf(sessionId)).toEqual([secondSpentAt, clock.now().toISOString()]);
    await expect(me.trpc.auth.sessions.query()).resolves.toHaveLength(1);
  });

  it("deletes an ended session's spent tokens at once, and the session itself after the retention period", async () => {
    const me = await device();
    const sessionId = await sessionIdOf(me);
    await refresh(me);
    await refresh(me);
    await me.trpc.auth.logout.mutate();
    expect(await spentTokensOf(sessionId)).toHaveLength(2);

    await housekeeping();
    expect(await spentTokensOf(sessionId)).toEqual([]);
    expect((await sessionRow(sessionId))?.revokedAt).not.toBeNull();

    clock.advance(30 * DAY + MINUTE);
    const { endedSessions } = await housekeeping();
    expect(endedSessions).toBeGreaterThanOrEqual(1);
    expect(await sessionRow(sessionId)).toBeUndefined();
    expect((await replay(me.tokens.refreshToken)).code).toBe('UNAUTHORIZED');
  });

  it('two server processes running it at once end each idle session once, and delete each row once', async () => {
    clock.advance(31 * DAY);
    await housekeeping(); // what earlier tests left behind
    const more = await Promise.all([device(), device(), device()]);
    for (const me of more) await refresh(me);
    clock.advance(31 * DAY);

    const [a, b] = await Promise.all([housekeeping(), housekeeping()]);
    expect(a.expiredSessions + b.expiredSessions).toBe(3);
    // Each one's spent token was deleted by one of them; each expiry was logged once.
    expect(a.spentRefreshTokens + b.spentRefreshTokens).toBe(3);
    const moreIds = new Set(more.map((m) => m.user.id));
    const endedLines = kit.server.logLines.filter((line) => line.includes('"auth.session_ended"') && line.includes('"reason":"idle"'));
    expect(endedLines.filter((line) => [...moreIds].some((id) => line.includes(id)))).toHaveLength(3);
  });

  it('deletes expired one-time codes and keeps the ones still usable', async () => {
    const early = newPhone();
    const late = newPhone();
    await kit.anonymous.trpc.auth.requestCode.mutate({ phone: early });
    clock.advance(10 * MINUTE + 1000);
    await kit.anonymous.trpc.auth.requestCode.mutate({ phone: late });

    const { otpCodes } = await housekeeping();
    expect(otpCodes).toBeGreaterThanOrEqual(1);
    const left = await kit.server.deps.db.selectFrom('otpCodes').select('phone').where('phone', 'in', [early, late]).execute();
    expect(left.map((r) => r.phone)).toEqual([late]);
    // The kept code still signs in.
    await expect(kit.anonymous.trpc.auth.verifyCode.mutate({ phone: late, code: kit.server.codes.get(late)!, deviceName: 'test device' })).resolves.toMatchObject({ isNewUser: true });
  });

  it('never lifts a lockout in force, and deletes wrong-code counts once they no longer count', async () => {
    const locked = newPhone();
    const slip = newPhone();
    for (const phone of [locked, slip]) await kit.anonymous.trpc.auth.requestCode.mutate({ phone });
    const wrong = (phone: string) => rejectionOf(kit.anonymous.trpc.auth.verifyCode.mutate({ phone, code: kit.server.codes.get(phone) === '000000' ? '111111' : '000000', deviceName: 'x' }));
    for (let i = 0; i < 5; i++) await wrong(locked);
    await wrong(slip);

    clock.advance(9 * MINUTE);
    await housekeeping();
    const right = await rejectionOf(kit.anonymous.trpc.auth.verifyCode.mutate({ phone: locked, code: kit.server.codes.get(locked)!, deviceName: 'x' }));
    expect(right.code).toBe('TOO_MANY_REQUESTS');

    clock.advance(16 * MINUTE);
    const { lockouts } = await housekeeping();
    expect(lockouts).toBeGreaterThanOrEqual(2);
    expect(await kit.server.deps.db.selectFrom('authLockouts').select('phone').where('phone', 'in', [locked, slip]).execute()).toEqual([]);
  });

  it('deletes rate-limit hits older than the longest window and keeps the recent ones a limit still counts', async () => {
    const me = await device();
    const sessionId = await sessionIdOf(me);
    const hitsOf = async () =>
      (await kit.server.deps.db.selectFrom('rateLimitHits').select('hitAt').where('key', '=', `refresh:${sessionId}`).orderBy('hitAt').execute()).map((r) =>
        new Date(r.hitAt).toISOString(),
      );
    await refresh(me);
    clock.advance(23 * 60 * MINUTE);
    await refresh(me);
    const recent = clock.now().toISOString();
    expect(await hitsOf()).toHaveLength(2);

    // No limited call since: only housekeeping removes the day-old hit.
    clock.advance(60 * MINUTE + MINUTE);
    const { rateLimitHits } = await housekeeping();
    expect(rateLimitHits).toBeGreaterThanOrEqual(1);
    expect(await hitsOf()).toEqual([recent]);
  });
});
