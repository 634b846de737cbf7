import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { disposeAll, makeCore, RestartableServer, signInCore, waitForState, waitUntil, type TestCore } from '../testing/harness.js';
import type { MessageView } from '@confab/api';

const MINUTE = 60_000;

interface LocationMeta {
  location: { lat: number; lng: number };
  live: { shareId: string; expiresAt: string; endedAt: string | null; updatedAt: string };
}
const metaOf = (message: MessageView | undefined) => message?.meta as unknown as LocationMeta | undefined;

/**
 * Ben shares his live location with Ana, who uses the desktop app; her local clock is the
 * test's to move. The map card reads the message's meta: the last position, and whether it ended.
 */
describe('desktop core: live locations in the cache', () => {
  const host = new RestartableServer();
  let ana: TestCore, ben: SignedInUser, chatId: string;
  let skew = 0;
  const now = () => new Date(Date.now() + skew);
  let walk: { shareId: string; messageId: string }, coffee: { shareId: string; messageId: string };

  const history = async () => (await ana.core.page['messages.history']({ chatId })).messages;
  const cachedMeta = (messageId: string) => {
    const message = ana.core.messages.byId(messageId);
    return message?.meta as unknown as LocationMeta | undefined;
  };

  beforeAll(async () => {
    await host.start();
    ana = makeCore(host.url, undefined, { now });
    const { user } = await signInCore(ana.core, host.server);
    await waitForState(ana.core, 'online');
    ben = await signIn(host.server);
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: user.id })).id;
  });

  afterAll(() => disposeAll(host, ana, ben));

  it('keeps the current shares of a cached chat with their latest position', async () => {
    const first = await ben.trpc.location.share.mutate({ chatId, lat: 52.52, lng: 13.405, liveForSeconds: 900 });
    walk = { shareId: first.shareId!, messageId: first.message.id };
    const second = await ben.trpc.location.share.mutate({ chatId, lat: 48.8566, lng: 2.3522, liveForSeconds: 3_600 });
    coffee = { shareId: second.shareId!, messageId: second.message.id };
    await waitUntil(() => ana.core.liveLocations.running(chatId).length === 2, 'both shares are cached');

    await ben.trpc.location.update.mutate({ shareId: walk.shareId, lat: 52.5163, lng: 13.3777 });
    await waitUntil(() => cachedMeta(walk.messageId)?.location.lat === 52.5163, 'the moved pin is cached');
    await ben.trpc.location.stop.mutate({ shareId: coffee.shareId });
    await waitUntil(() => cachedMeta(coffee.messageId)?.live.endedAt !== null, 'the stop is cached');
    expect(ana.core.liveLocations.running(chatId)).toMatchObject([{ shareId: walk.shareId, lat: 52.5163, lng: 13.3777, sharerId: ben.user.id }]);
  });

  it('shows the last known position offline, and ends a share whose time ran out on the local clock', async () => {
    await host.stop();
    await waitForState(ana.core, 'offline');
    const offline = await history();
    expect(metaOf(offline.find((m) => m.id === walk.messageId))).toMatchObject({ location: { lat: 52.5163, lng: 13.3777 }, live: { endedAt: null } });
    expect(metaOf(offline.find((m) => m.id === coffee.messageId))?.live.endedAt).toEqual(expect.any(String));

    skew = 16 * MINUTE;
    ana.core.sweepExpired();
    expect(ana.core.liveLocations.running(chatId)).toEqual([]);
    const ended = metaOf((await history()).find((m) => m.id === walk.messageId))!;
    expect(ended).toMatchObject({ location: { lat: 52.5163, lng: 13.3777 } });
    expect(ended.live.endedAt).toBe(ended.live.expiresAt);
    // The page hears it as the server would say it, so an open chat's card turns "ended".
    const told = ana.events.flatMap((e) => (e.type === 'message.updated' && e.message.id === walk.messageId ? [metaOf(e.message)!.live.endedAt] : []));
    expect(told.at(-1)).toBe(ended.live.expiresAt);
  });
});
