import { describe, expect, it } from 'vitest';
import { newPhone, type SignedInUser } from '@confab/testing/sign-in';
import { rejectionOf, type WatchedSubscription } from './testing/auth-test-kit.js';
import { authTestServer } from './testing/auth-test-server.js';

const DAY = 24 * 60 * 60 * 1000;
const EXPIRED = 'This session has expired. Sign in again.';
const ENDED = 'This session has ended. Sign in again.';

/** Sessions unused for SESSION_IDLE_DAYS (30 by default) are signed out, as Signal unlinks idle devices. */
describe('session idle expiry', () => {
  const kit = authTestServer();
  const { clock, device, watch } = kit;
  /** Refreshes as the apps do, keeping the device's tokens current. */
  const refresh = async (me: SignedInUser) => {
    const fresh = await kit.anonymous.trpc.auth.refresh.mutate({ refreshToken: me.tokens.refreshToken });
    me.tokens.accessToken = fresh.accessToken;
    me.tokens.refreshToken = fresh.refreshToken;
  };
  const refusal = (me: SignedInUser) => rejectionOf(kit.anonymous.trpc.auth.refresh.mutate({ refreshToken: me.tokens.refreshToken }));
  const expectSocketEnded = async (watched: WatchedSubscription) => {
    await expect.poll(() => watched.closeCodes).toContain(4001);
    await expect.poll(() => watched.errorCodes.length).toBeGreaterThan(0);
    expect(watched.starts).toBe(1);
  };

  it('a laptop unused for 30 days is signed out when it comes back: refresh refused as expired, its open socket closed, gone from the list', async () => {
    const laptop = await device(newPhone(), 'Laptop');
    const phone = await device(laptop.phone, 'Phone');
    // A socket checks its token once, at connect: this one would otherwise stay open for ever.
    const laptopEvents = await watch(laptop.tokens.accessToken);

    clock.advance(20 * DAY);
    await refresh(phone);
    clock.advance(10 * DAY + 60_000);
    expect(laptopEvents.closeCodes).toEqual([]);

    const refused = await refusal(laptop);
    expect(refused.code).toBe('UNAUTHORIZED');
    expect(refused.message).toBe(EXPIRED);
    await expectSocketEnded(laptopEvents);
    // It stays refused, with the same reason.
    expect((await refusal(laptop)).message).toBe(EXPIRED);
    // The phone, used 10 days ago, is not touched.
    await refresh(phone);
    expect((await phone.trpc.auth.sessions.query()).map((s) => s.deviceName)).toEqual(['Phone']);
  });

  it('a device that never comes back is signed out by housekeeping: its socket closes without anyone refreshing', async () => {
    const idle = await device();
    const events = await watch(idle.tokens.accessToken);

    clock.advance(29 * DAY);
    await kit.server.jobs.authHousekeeping();
    expect(events.closeCodes).toEqual([]);

    clock.advance(DAY + 60_000);
    await kit.server.jobs.authHousekeeping();
    await expectSocketEnded(events);
    expect((await refusal(idle)).message).toBe(EXPIRED);
  });

  it('a device used within the limit keeps working, and every refresh starts the idle period again', async () => {
    const me = await device(newPhone(), 'Desktop');
    const other = await device(me.phone, 'Tablet');

    clock.advance(29 * DAY);
    await refresh(me);
    const refreshedAt = clock.now().toISOString();
    clock.advance(29 * DAY); // 58 days after signing in, 29 after the refresh
    await kit.server.jobs.authHousekeeping();
    await refresh(me);
    const events = await watch(me.tokens.accessToken);
    await expect(me.trpc.auth.sessions.query()).resolves.toEqual([expect.objectContaining({ deviceName: 'Desktop', current: true })]);
    expect(events.closeCodes).toEqual([]);

    // The list shows when each device was last active (signed in or refreshed).
    const listed = await me.trpc.auth.sessions.query();
    expect(listed[0]?.lastUsedAt).toBe(clock.now().toISOString());
    expect(listed[0]?.lastUsedAt).not.toBe(refreshedAt);
    // The tablet, idle since it signed in 58 days ago, was signed out by that housekeeping run.
    expect(listed.map((s) => s.deviceName)).toEqual(['Desktop']);
    expect((await refusal(other)).message).toBe(EXPIRED);
  });

  it('a session ended on purpose still says it ended, not that it expired', async () => {
    const me = await device();
    await me.trpc.auth.logout.mutate();
    expect((await refusal(me)).message).toBe(ENDED);
    clock.advance(31 * DAY);
    expect((await refusal(me)).message).toBe(ENDED);
  });
});
