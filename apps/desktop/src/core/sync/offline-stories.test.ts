import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { disposeAll, makeCore, RestartableServer, signInCore, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

const HOUR = 60 * 60 * 1000;

/**
 * Ana uses the desktop app, Ben the API; they are each other's contacts, so each sees the
 * other's stories. Ana's local clock is the test's to move: the server's stands still.
 */
describe('desktop core: stories in the cache', () => {
  const host = new RestartableServer();
  let ana: TestCore, ben: SignedInUser, anaId: string;
  let skew = 0;
  const now = () => new Date(Date.now() + skew);
  let benPhoto: { storyId: string; mediaId: string }, benLater: string, anaStoryId: string;

  const feed = () => ana.core.page['stories.feed']({});
  const mine = () => ana.core.page['stories.mine']({});

  beforeAll(async () => {
    await host.start();
    ana = makeCore(host.url, undefined, { now });
    anaId = (await signInCore(ana.core, host.server)).user.id;
    await waitForState(ana.core, 'online');
    ben = await signIn(host.server);
    await ben.trpc.me.update.mutate({ name: 'Ben' });
    await ana.core.api.contacts.add.mutate({ userId: ben.user.id });
    await ben.trpc.contacts.add.mutate({ userId: anaId });
  });

  afterAll(() => disposeAll(host, ana, ben));

  it('keeps contacts’ stories from story.new, my own with their view counts, and deletions', async () => {
    const uploaded = await upload(host.url, ben.tokens.accessToken, new Uint8Array(await pngImage(32, 48)), { contentType: 'image/png', kind: 'image' });
    const mediaId = uploaded.body.mediaId as string;
    const photo = await ben.trpc.stories.post.mutate({ kind: 'image', mediaId, text: 'The view from here' });
    benPhoto = { storyId: photo.id, mediaId };
    host.clock.advance(60_000);
    const oops = await ben.trpc.stories.post.mutate({ kind: 'text', text: 'Wrong chat, sorry' });
    await waitUntil(() => ana.core.stories.cachedFeed()[0]?.stories.length === 2, 'both of Ben’s stories are cached');
    await ben.trpc.stories.delete.mutate({ storyId: oops.id });
    await waitUntil(() => ana.core.stories.cachedFeed()[0]?.stories.length === 1, 'the deleted story leaves the cache');
    host.clock.advance(60_000);
    benLater = (await ben.trpc.stories.post.mutate({ kind: 'text', text: 'Heading home' })).id;
    await waitUntil(() => ana.core.stories.cachedFeed()[0]?.stories.length === 2, 'the next story is cached');
    expect(ana.core.stories.cachedFeed()).toMatchObject([
      { author: { id: ben.user.id, name: 'Ben' }, allSeen: false, stories: [{ id: photo.id, text: 'The view from here', seen: false, media: { mediaId } }, { id: benLater, seen: false }] },
    ]);

    // Ana opens Ben's photo (the viewer loads it through files.url, into the media cache) and sees it.
    expect(existsSync((await ana.core.media.download(mediaId)).localPath!)).toBe(true);
    await ana.core.page['stories.view']({ storyId: photo.id });
    await waitUntil(async () => (await ben.trpc.stories.viewers.query({ storyId: photo.id })).count === 1, 'Ben sees that Ana watched it');
    expect(ana.core.stories.cachedFeed()[0]?.stories[0]?.seen).toBe(true);

    anaStoryId = (await ana.core.api.stories.post.mutate({ kind: 'text', text: 'Off to the mountains' })).id;
    await waitUntil(() => ana.core.stories.cachedMine().length === 1, 'my story is cached from story.new');
    await ben.trpc.stories.view.mutate({ storyId: anaStoryId });
    await waitUntil(() => ana.core.stories.cachedMine()[0]?.viewCount === 1, 'story.viewed counts Ben’s view');
  });

  it('answers the feed and my stories from the cache offline, across an app restart, with the photo still on disk', async () => {
    await host.stop();
    await waitForState(ana.core, 'offline');
    await ana.core.close();
    ana = makeCore(host.url, { dataDir: ana.dataDir, secrets: ana.secrets }, { now });
    await ana.core.start();

    expect((await feed()).authors).toMatchObject([{ author: { id: ben.user.id, name: 'Ben' }, allSeen: false, stories: [{ id: benPhoto.storyId, seen: true }, { id: benLater, seen: false }] }]);
    expect((await mine()).stories).toMatchObject([{ id: anaStoryId, text: 'Off to the mountains', viewCount: 1 }]);
    const file = ana.core.media.info(benPhoto.mediaId)?.localPath;
    expect(file && existsSync(file)).toBe(true);

    // Watching the other one offline: seen at once; Ben hears of it once Ana is back.
    await ana.core.page['stories.view']({ storyId: benLater });
    expect((await feed()).authors).toMatchObject([{ allSeen: true }]);
    expect(ana.events).toContainEqual({ type: 'story.seen', storyId: benLater, authorId: ben.user.id });
    expect(ana.core.diagnostics().outboxSize).toBe(1);
  });

  it('sends the view made offline when the server is back', async () => {
    await host.start();
    await waitForState(ana.core, 'online');
    await waitUntil(() => ana.core.diagnostics().outboxSize === 0, 'the queued view is sent');
    expect((await ben.trpc.stories.viewers.query({ storyId: benLater })).viewers).toMatchObject([{ user: { id: anaId } }]);
    await host.stop();
    await waitForState(ana.core, 'offline');
  });

  it('a cached story survives going offline and is removed at expiry, with its file, still offline', async () => {
    const file = ana.core.media.info(benPhoto.mediaId)!.localPath!;
    skew = 23 * HOUR;
    expect((await feed()).authors).toHaveLength(1);
    skew = 25 * HOUR;
    expect((await feed()).authors).toEqual([]);
    expect((await mine()).stories).toEqual([]);
    expect(existsSync(file)).toBe(false);
    expect(ana.core.media.info(benPhoto.mediaId)).toBeNull();
    const gone = ana.events.flatMap((e) => (e.type === 'story.deleted' ? [e.storyId] : []));
    expect(gone.sort()).toEqual([benPhoto.storyId, benLater, anaStoryId].sort());
  });
});
