import { ManualClock } from '@confab/api';
import { collectEvents } from '@confab/testing/event-collector';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { describe, expect, it } from 'vitest';
import { expectCode, peopleForSuite } from '../groups/testing/group-fixture.js';

const HOUR = 60 * 60 * 1000;

/** Each has the other as a contact: what a story needs to reach someone. */
async function befriend(a: SignedInUser, b: SignedInUser) {
  await a.trpc.contacts.add.mutate({ userId: b.user.id });
  await b.trpc.contacts.add.mutate({ userId: a.user.id });
}

async function photo(server: TestServer, user: SignedInUser): Promise<string> {
  const result = await upload(server.url, user.tokens.accessToken, new Uint8Array(await pngImage(32, 48)), { contentType: 'image/png', kind: 'image' });
  return result.body.mediaId as string;
}

/** After moving the clock by hours, access tokens have expired: each person refreshes, as an app does. */
async function refresh(...users: SignedInUser[]) {
  for (const user of users) {
    const next = await user.trpc.auth.refresh.mutate({ refreshToken: user.tokens.refreshToken });
    user.tokens.accessToken = next.accessToken;
    user.tokens.refreshToken = next.refreshToken;
  }
}

const mediaStatus = async (server: TestServer, user: SignedInUser, mediaId: string) =>
  (await fetch(`${server.url}/media/${mediaId}`, { headers: { authorization: `Bearer ${user.tokens.accessToken}` } })).status;

describe('stories', () => {
  const clock = new ManualClock(new Date('2026-12-02T09:00:00Z'));
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser, dan: SignedInUser, eve: SignedInUser, bo: SignedInUser;
  peopleForSuite(['Ana', 'Ben', 'Cleo', 'Dan', 'Eve', 'Bo'], (s, u) => {
    server = s;
    [ana, ben, cleo, dan, eve, bo] = u;
  }, { clock });

  it('reaches contacts as story.new, groups the feed by author (unseen first, newest first), counts each viewer once', async () => {
    await befriend(ana, ben);
    await befriend(cleo, ben);
    await befriend(dan, ben);
    const benLive = collectEvents(ben);
    const anaLive = collectEvents(ana);
    await Promise.all([benLive.started, anaLive.started]);

    const anaFirst = await ana.trpc.stories.post.mutate({ kind: 'text', text: 'Morning!', background: '#aa3355', font: 'serif' });
    expect(anaFirst).toMatchObject({ kind: 'text', text: 'Morning!', background: '#aa3355', font: 'serif', authorId: ana.user.id });
    expect(new Date(anaFirst.expiresAt).getTime() - new Date(anaFirst.createdAt).getTime()).toBe(24 * HOUR);
    clock.advance(60_000);
    const mediaId = await photo(server, cleo);
    const cleoPhoto = await cleo.trpc.stories.post.mutate({ kind: 'image', mediaId, text: 'The view from here' });
    expect(cleoPhoto.media).toMatchObject({ mediaId, kind: 'image', width: 32, height: 48 });
    clock.advance(60_000);
    const danStory = await dan.trpc.stories.post.mutate({ kind: 'text', text: 'Dan here' });
    clock.advance(60_000);
    const anaSecond = await ana.trpc.stories.post.mutate({ kind: 'text', text: 'Later' });

    await expect.poll(() => benLive.events.filter((e) => e.event.type === 'story.new').length).toBe(4);
    const first = await ben.trpc.stories.feed.query();
    // Newest poster first; each author's stories in the order they play (oldest first).
    expect(first.authors.map((a) => a.author.name)).toEqual(['Ana', 'Dan', 'Cleo']);
    expect(first.authors[0]!.stories.map((s) => s.text)).toEqual(['Morning!', 'Later']);
    expect(first.authors.every((a) => !a.allSeen)).toBe(true);
    expect(first.authors[0]!.author.phone).toBeNull();

    // Ben watches Dan's only story: Dan moves behind the authors with something unseen.
    await ben.trpc.stories.view.mutate({ storyId: danStory.id });
    await ben.trpc.stories.view.mutate({ storyId: danStory.id });
    const second = await ben.trpc.stories.feed.query();
    expect(second.authors.map((a) => [a.author.name, a.allSeen])).toEqual([
      ['Ana', false],
      ['Cleo', false],
      ['Dan', true],
    ]);

    // Viewed twice at different times, counted once with the first time.
    await ben.trpc.stories.view.mutate({ storyId: anaFirst.id });
    const firstViewAt = clock.now().toISOString();
    clock.advance(5 * 60_000);
    await ben.trpc.stories.view.mutate({ storyId: anaFirst.id });
    const viewers = await ana.trpc.stories.viewers.query({ storyId: anaFirst.id });
    expect(viewers).toMatchObject({ count: 1, viewers: [{ user: { id: ben.user.id, name: 'Ben' }, viewedAt: firstViewAt }] });
    const mine = await ana.trpc.stories.mine.query();
    expect(mine.stories.map((s) => [s.text, s.viewCount])).toEqual([
      ['Morning!', 1],
      ['Later', 0],
    ]);
    // The author heard the view once, live.
    await expect.poll(() => anaLive.events.filter((e) => e.event.type === 'story.viewed').map((e) => e.event)).toEqual([
      { type: 'story.viewed', storyId: anaFirst.id, viewerId: ben.user.id, viewedAt: firstViewAt, count: 1 },
    ]);
    expect(anaLive.events.filter((e) => e.event.type === 'story.new').map((e) => (e.event as { story: { id: string } }).story.id)).toEqual([anaFirst.id, anaSecond.id]);
    // The viewer may open the photo's file; the author's own story is not in their feed.
    expect(await mediaStatus(server, ben, mediaId)).toBe(200);
    expect((await ana.trpc.stories.feed.query()).authors.map((a) => a.author.name)).not.toContain('Ana');
    benLive.stop();
    anaLive.stop();
  });

  it('hides stories from non-contacts and blocked users, who can neither see nor view them', async () => {
    // Eve has Ana as a contact, but Ana does not have Eve: Ana's stories do not reach her.
    await eve.trpc.contacts.add.mutate({ userId: ana.user.id });
    const mediaId = await photo(server, ana);
    const story = await ana.trpc.stories.post.mutate({ kind: 'image', mediaId });
    expect((await eve.trpc.stories.feed.query()).authors).toEqual([]);
    await expectCode(eve.trpc.stories.view.mutate({ storyId: story.id }), 'NOT_FOUND');
    await expectCode(eve.trpc.stories.reply.mutate({ storyId: story.id, text: 'hi' }), 'NOT_FOUND');
    await expectCode(eve.trpc.stories.viewers.query({ storyId: story.id }), 'NOT_FOUND');
    await expectCode(eve.trpc.stories.delete.mutate({ storyId: story.id }), 'NOT_FOUND');
    expect(await mediaStatus(server, eve, mediaId)).toBe(404);
    // Someone who may see it still cannot list its viewers or delete it.
    await expectCode(ben.trpc.stories.viewers.query({ storyId: story.id }), 'NOT_FOUND');
    await expectCode(ben.trpc.stories.delete.mutate({ storyId: story.id }), 'NOT_FOUND');

    // Ben blocks Ana: her stories stop reaching him (and his reach her no more).
    await ben.trpc.users.block.mutate({ userId: ana.user.id });
    expect((await ben.trpc.stories.feed.query()).authors.map((a) => a.author.name)).not.toContain('Ana');
    await expectCode(ben.trpc.stories.view.mutate({ storyId: story.id }), 'NOT_FOUND');
    expect(await mediaStatus(server, ben, mediaId)).toBe(404);
    await ben.trpc.users.unblock.mutate({ userId: ana.user.id });
    expect(await mediaStatus(server, ben, mediaId)).toBe(200);
    await ana.trpc.stories.delete.mutate({ storyId: story.id });
  });

  it('keeps the "except …" and "only share with …" audiences a story was posted with', async () => {
    await befriend(bo, cleo);
    await befriend(bo, dan);
    await befriend(bo, ben);
    await bo.trpc.settings.update.mutate({ privacy: { stories: { except: [cleo.user.id] } } });
    expect((await bo.trpc.settings.get.query()).privacy.stories).toEqual({ except: [cleo.user.id] });
    const notForCleo = await bo.trpc.stories.post.mutate({ kind: 'text', text: 'not for Cleo' });
    clock.advance(1000);
    await bo.trpc.settings.update.mutate({ privacy: { stories: { only: [dan.user.id] } } });
    const onlyDan = await bo.trpc.stories.post.mutate({ kind: 'text', text: 'only Dan' });
    await bo.trpc.settings.update.mutate({ privacy: { stories: 'contacts' } });

    const seenBy = async (user: SignedInUser) => (await user.trpc.stories.feed.query()).authors.find((a) => a.author.id === bo.user.id)?.stories.map((s) => s.text) ?? [];
    expect(await seenBy(cleo)).toEqual([]);
    expect(await seenBy(ben)).toEqual(['not for Cleo']);
    expect(await seenBy(dan)).toEqual(['not for Cleo', 'only Dan']);
    await expectCode(cleo.trpc.stories.view.mutate({ storyId: notForCleo.id }), 'NOT_FOUND');
    await expectCode(ben.trpc.stories.view.mutate({ storyId: onlyDan.id }), 'NOT_FOUND');
    await dan.trpc.stories.view.mutate({ storyId: onlyDan.id });
    expect((await bo.trpc.stories.viewers.query({ storyId: onlyDan.id })).count).toBe(1);
  });

  it('delivers a reply as a direct message quoting the story', async () => {
    const story = await ana.trpc.stories.post.mutate({ kind: 'text', text: 'Guess where I am', background: '#114477' });
    const message = await ben.trpc.stories.reply.mutate({ storyId: story.id, text: 'The beach?' });
    const chat = await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    expect(message.chatId).toBe(chat.id);
    const { messages } = await ana.trpc.messages.history.query({ chatId: chat.id });
    expect(messages.at(-1)).toMatchObject({
      senderId: ben.user.id,
      kind: 'text',
      text: 'The beach?',
      meta: { storyReply: { storyId: story.id, authorId: ana.user.id, kind: 'text', text: 'Guess where I am', background: '#114477' } },
    });
    await expectCode(ana.trpc.stories.reply.mutate({ storyId: story.id, text: 'me' }), 'BAD_REQUEST');
  });

  it('refuses bad input with a clear message', async () => {
    const refused = async (input: unknown) => {
      const error = (await ana.trpc.stories.post.mutate(input as never).catch((e: unknown) => e)) as { data?: { code: string }; message: string };
      expect(error.data?.code).toBe('BAD_REQUEST');
      return error.message;
    };
    expect(await refused({ kind: 'text', text: 'x'.repeat(701) })).toContain('under 700 characters');
    expect(await refused({ kind: 'image', text: 'x'.repeat(701), mediaId: 'm' })).toContain('under 700 characters');
    expect(await refused({ kind: 'text' })).toContain('needs text');
    expect(await refused({ kind: 'image' })).toContain('needs a image');
    expect(await refused({ kind: 'text', text: 'hi', background: 'red' })).toContain('colour');
    expect(await refused({ kind: 'text', text: 'hi', authorId: ben.user.id })).toBeTruthy();
    const bensPhoto = await photo(server, ben);
    await expectCode(ana.trpc.stories.post.mutate({ kind: 'image', mediaId: bensPhoto }), 'NOT_FOUND');
    const mine = await photo(server, ana);
    await expectCode(ana.trpc.stories.post.mutate({ kind: 'video', mediaId: mine }), 'BAD_REQUEST');
    const deleted = await ana.trpc.stories.post.mutate({ kind: 'text', text: 'oops' });
    await ana.trpc.stories.delete.mutate({ storyId: deleted.id });
    await expectCode(ben.trpc.stories.view.mutate({ storyId: deleted.id }), 'NOT_FOUND');
    await expectCode(ana.trpc.stories.viewers.query({ storyId: deleted.id }), 'NOT_FOUND');
    await expectCode(ana.trpc.stories.delete.mutate({ storyId: deleted.id }), 'NOT_FOUND');
  });

  it('expires 24 h after posting: gone from feed, mine, viewers, view, reply and GET /media', async () => {
    clock.advance(25 * HOUR);
    await refresh(ana, ben);
    const mediaId = await photo(server, ana);
    const story = await ana.trpc.stories.post.mutate({ kind: 'image', mediaId, text: 'brief' });
    await ben.trpc.stories.view.mutate({ storyId: story.id });
    clock.advance(24 * HOUR - 1000);
    await refresh(ana, ben);
    expect((await ana.trpc.stories.mine.query()).stories.map((s) => s.id)).toEqual([story.id]);
    expect(await mediaStatus(server, ben, mediaId)).toBe(200);

    clock.advance(1000);
    expect((await ben.trpc.stories.feed.query()).authors.find((a) => a.author.id === ana.user.id)).toBeUndefined();
    expect((await ana.trpc.stories.mine.query()).stories).toEqual([]);
    await expectCode(ana.trpc.stories.viewers.query({ storyId: story.id }), 'NOT_FOUND');
    await expectCode(ben.trpc.stories.view.mutate({ storyId: story.id }), 'NOT_FOUND');
    await expectCode(ben.trpc.stories.reply.mutate({ storyId: story.id, text: 'late' }), 'NOT_FOUND');
    expect(await mediaStatus(server, ben, mediaId)).toBe(404);

    // The sweeper then removes the rows, and the file once the media collector's grace is over.
    await server.jobs.sweepDisappearing();
    expect(await server.deps.db.selectFrom('stories').select('id').where('id', '=', story.id).executeTakeFirst()).toBeUndefined();
    clock.advance(10 * 60_000);
    await server.jobs.collectOrphanedMedia();
    expect(await mediaStatus(server, ana, mediaId)).toBe(404);
  });
});
