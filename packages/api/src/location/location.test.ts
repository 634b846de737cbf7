import { ManualClock } from '@confab/api';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { describe, expect, it } from 'vitest';
import { expectCode, peopleForSuite } from '../groups/testing/group-fixture.js';

interface Place {
  location: { lat: number; lng: number };
  live: { shareId: string; expiresAt: string; endedAt: string | null };
}
const placeOf = (message: { meta: Record<string, unknown> | null }) => message.meta as unknown as Place;

/** After the clock moves past a token's life, each person refreshes, as an app does. */
async function refresh(...users: SignedInUser[]) {
  for (const user of users) {
    const next = await user.trpc.auth.refresh.mutate({ refreshToken: user.tokens.refreshToken });
    user.tokens.accessToken = next.accessToken;
    user.tokens.refreshToken = next.refreshToken;
  }
}

describe('live location', () => {
  const clock = new ManualClock(new Date('2026-12-03T09:00:00Z'));
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser;
  let chatId: string;
  peopleForSuite(['Ana', 'Ben', 'Cleo'], (s, u) => {
    server = s;
    [ana, ben, cleo] = u;
  }, { clock });

  it('moves on the other member\'s screen live and through sync, and keeps only the current position', async () => {
    chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const from = (await ben.trpc.sync.changes.query({ since: '999999999999999', limit: 1 })).nextSince;
    const benLive = collectEvents(ben);
    await benLive.started;

    const { shareId, message } = await ana.trpc.location.share.mutate({ chatId, lat: 52.52, lng: 13.405, liveForSeconds: 3_600 });
    expect(shareId).toBeTruthy();
    expect(placeOf(message).live).toMatchObject({ shareId, endedAt: null, expiresAt: '2026-12-03T10:00:00.000Z' });

    clock.advance(30_000);
    await ana.trpc.location.update.mutate({ shareId: shareId!, lat: 52.53, lng: 13.41 });
    clock.advance(30_000);
    const last = await ana.trpc.location.update.mutate({ shareId: shareId!, lat: 52.54, lng: 13.42 });
    expect(placeOf(last).location).toMatchObject({ lat: 52.54, lng: 13.42 });

    // Live: the new message, then each move, in order.
    const positions = (events: typeof benLive.events) =>
      events
        .filter((e) => e.event.type === 'message.new' || e.event.type === 'message.updated')
        .map((e) => placeOf((e.event as unknown as { message: { meta: Record<string, unknown> } }).message).location)
        .map((l) => [l.lat, l.lng]);
    await expect.poll(() => positions(benLive.events)).toEqual([[52.52, 13.405], [52.53, 13.41], [52.54, 13.42]]);

    // A device that was away gets the same moves when it resumes.
    const resumed = collectEvents(ben, from);
    await expect.poll(() => positions(resumed.events)).toEqual([[52.52, 13.405], [52.53, 13.41], [52.54, 13.42]]);
    resumed.stop();
    benLive.stop();

    // Someone looking later (Ben's new phone) sees where Ana is now, and no trail.
    const benPhone = await signIn(server, ben.phone, 'Ben\'s phone');
    const { messages } = await benPhone.trpc.messages.history.query({ chatId, limit: 10 });
    expect(messages).toHaveLength(1);
    expect(placeOf(messages[0]!).location).toMatchObject({ lat: 52.54, lng: 13.42 });
    expect(JSON.stringify(messages[0]!.meta)).not.toContain('52.53');
    await benPhone.close();
  });

  it('only the sharer can move or stop it; outsiders learn nothing; bad coordinates and durations are refused', async () => {
    const { shareId } = await ana.trpc.location.share.mutate({ chatId, lat: 1, lng: 2, liveForSeconds: 900 });
    await expectCode(ben.trpc.location.update.mutate({ shareId: shareId!, lat: 3, lng: 4 }), 'FORBIDDEN', 'another member');
    await expectCode(ben.trpc.location.stop.mutate({ shareId: shareId! }), 'FORBIDDEN', 'another member stops');
    await expectCode(cleo.trpc.location.update.mutate({ shareId: shareId!, lat: 3, lng: 4 }), 'NOT_FOUND', 'outsider');
    await expectCode(cleo.trpc.location.stop.mutate({ shareId: shareId! }), 'NOT_FOUND', 'outsider stops');
    await expectCode(cleo.trpc.location.share.mutate({ chatId, lat: 1, lng: 2 }), 'NOT_FOUND', 'outsider shares');
    await expectCode(ana.trpc.location.update.mutate({ shareId: shareId!, lat: 91, lng: 4 }), 'BAD_REQUEST', 'latitude');
    await expectCode(ana.trpc.location.update.mutate({ shareId: shareId!, lat: 1, lng: -180.5 }), 'BAD_REQUEST', 'longitude');
    await expectCode(ana.trpc.location.share.mutate({ chatId, lat: 1, lng: 2, liveForSeconds: 60 }), 'BAD_REQUEST', 'duration');
    await expect(ana.trpc.location.share.mutate({ chatId, lat: 1, lng: 200 })).rejects.toThrow(/Longitude is between -180 and 180/);

    // A plain pin is a location message with no share.
    const pin = await ana.trpc.location.share.mutate({ chatId, lat: -33.86, lng: 151.21, name: 'Opera House' });
    expect(pin.shareId).toBeNull();
    expect(pin.message).toMatchObject({ kind: 'location', meta: { location: { lat: -33.86, lng: 151.21, name: 'Opera House' } } });
    await ana.trpc.location.stop.mutate({ shareId: shareId! });
  });

  it('the sharer stops it: the card stays where it was, ended, and cannot move again', async () => {
    const benLive = collectEvents(ben);
    await benLive.started;
    const { shareId } = await ana.trpc.location.share.mutate({ chatId, lat: 10, lng: 20, liveForSeconds: 28_800 });
    clock.advance(5_000);
    await ana.trpc.location.stop.mutate({ shareId: shareId! });
    await ana.trpc.location.stop.mutate({ shareId: shareId! }); // twice is fine
    await expect
      .poll(() => benLive.events.filter((e) => e.event.type === 'message.updated').map((e) => placeOf((e.event as unknown as { message: { meta: Record<string, unknown> } }).message).live.endedAt))
      .toEqual([clock.now().toISOString()]);
    await expectCode(ana.trpc.location.update.mutate({ shareId: shareId!, lat: 11, lng: 21 }), 'FORBIDDEN', 'after stop');
    benLive.stop();
  });

  it('ends by itself when its time runs out', async () => {
    const { shareId, message } = await ana.trpc.location.share.mutate({ chatId, lat: 48.85, lng: 2.35, liveForSeconds: 900 });
    clock.advance(901_000);
    await refresh(ana, ben);
    await expectCode(ana.trpc.location.update.mutate({ shareId: shareId!, lat: 48.86, lng: 2.36 }), 'FORBIDDEN', 'after expiry');
    const head = (await ben.trpc.sync.changes.query({ since: '999999999999999', limit: 1 })).nextSince;
    await server.jobs.sweepDisappearing();
    const ended = await ben.trpc.messages.history.query({ chatId, limit: 1 });
    expect(ended.messages[0]!.id).toBe(message.id);
    expect(placeOf(ended.messages[0]!)).toMatchObject({ location: { lat: 48.85, lng: 2.35 }, live: { endedAt: placeOf(message).live.expiresAt } });
    const { events } = await ben.trpc.sync.changes.query({ since: head, limit: 10 });
    expect(events.map((e) => e.event.type)).toEqual(['message.updated']);
  });
});
