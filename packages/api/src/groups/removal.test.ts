import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { expectCode, peopleForSuite } from './testing/group-fixture.js';

describe('a member removed from a group', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser;
  peopleForSuite(['Ana', 'Ben', 'Cy'], (s, users) => ([server, ana, ben, cy] = [s, ...users]));

  async function sendImage(from: SignedInUser, chatId: string, clientId: string) {
    const uploaded = await upload(server.url, from.tokens.accessToken, await pngImage(32, 32, '#aa3300'), { contentType: 'image/png' });
    expect(uploaded.status).toBe(201);
    const message = await from.trpc.messages.send.mutate({ chatId, clientId, kind: 'image', mediaId: uploaded.body.mediaId });
    return { message, mediaId: uploaded.body.mediaId as string };
  }
  const download = (user: SignedInUser, mediaId: string) => fetch(`${server.url}/media/${mediaId}`, { headers: { authorization: `Bearer ${user.tokens.accessToken}` } }).then((r) => r.status);

  it('gets nothing sent after the removal — live, sync.changes, history, chats.media, GET /media, polls — and cannot act', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Team', memberIds: [ben.user.id, cy.user.id] });
    const chatId = chat.id;
    const benLive = collectEvents(ben, '0');
    const cyLive = collectEvents(cy);
    await Promise.all([benLive.started, cyLive.started]);

    await ana.trpc.messages.send.mutate({ chatId, clientId: 'before', text: 'before' });
    const before = await sendImage(ana, chatId, 'img-before');
    await ana.trpc.groups.removeMember.mutate({ chatId, userId: ben.user.id });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'after', text: 'after the removal' });
    const after = await sendImage(ana, chatId, 'img-after');
    const poll = await ana.trpc.polls.create.mutate({ chatId, question: 'Lunch?', options: ['Yes', 'No'], multipleAnswers: false });
    await cy.trpc.polls.vote.mutate({ pollId: poll.pollId, optionIds: [poll.results.options[0]!.id] });
    await ana.trpc.groups.update.mutate({ chatId, name: 'Team (new)' });

    // Cy (still a member) gets everything; by then Ben's open subscription has had its chance.
    await expect.poll(() => cyLive.events.map((e) => e.event.type).filter((t) => t === 'group.updated').length).toBe(1);
    const benTexts = messagesOf(benLive).map((m) => m.text ?? m.kind);
    expect(benTexts).toEqual(['Ana created the group "Team"', 'before', 'image', 'Ana removed Ben']);
    expect(benLive.events.map((e) => e.event.type).slice(-2)).toEqual(['member.left', 'chat.updated']);
    expect(benLive.events.at(-1)!.event).toMatchObject({ chat: { id: chatId, readOnly: true } });
    expect(benLive.events.some((e) => ['poll.updated', 'group.updated'].includes(e.event.type))).toBe(false);
    benLive.stop();
    cyLive.stop();

    // The stored stream (sync.changes, and what a reconnect replays) agrees.
    const { events } = await ben.trpc.sync.changes.query({ since: '0' });
    expect(events.map((e) => e.event.type)).toEqual(benLive.events.filter((e) => e.id !== null).map((e) => e.event.type));

    // History stops at the removal notice, whichever way Ben pages.
    const removalSeq = (await ben.trpc.messages.history.query({ chatId })).messages.at(-1)!.seq;
    expect((await ben.trpc.messages.history.query({ chatId })).messages.map((m) => m.text ?? m.kind)).toEqual(benTexts);
    expect((await ben.trpc.messages.history.query({ chatId, afterSeq: removalSeq })).messages).toEqual([]);
    expect((await ben.trpc.messages.history.query({ chatId, beforeSeq: removalSeq + 10 })).messages.at(-1)!.seq).toBe(removalSeq);
    expect((await cy.trpc.messages.history.query({ chatId })).messages.at(-1)!.seq).toBeGreaterThan(removalSeq + 2);

    // Media: what Ben saw still downloads; what came later is a 404, as if it did not exist.
    expect(await download(ben, before.mediaId)).toBe(200);
    expect(await download(ben, after.mediaId)).toBe(404);
    expect(await download(cy, after.mediaId)).toBe(200);
    // The shared-media gallery shows the image from before, not the one from after.
    expect((await ben.trpc.chats.media.query({ chatId })).items.map((m) => m.mediaId)).toEqual([before.mediaId]);
    expect((await cy.trpc.chats.media.query({ chatId })).items.map((m) => m.mediaId)).toEqual([after.mediaId, before.mediaId]);

    // Nothing after the removal can be reached by id, and Ben cannot act in the group.
    await expectCode(ben.trpc.messages.react.mutate({ messageId: after.message.id, emoji: '👍' }), 'NOT_FOUND');
    await expectCode(ben.trpc.polls.results.query({ pollId: poll.pollId }), 'NOT_FOUND');
    await expectCode(ben.trpc.polls.vote.mutate({ pollId: poll.pollId, optionIds: [] }), 'NOT_FOUND');
    await expectCode(ben.trpc.messages.send.mutate({ chatId, clientId: 'let me back', text: 'hi' }), 'FORBIDDEN');
    await expectCode(ben.trpc.groups.members.query({ chatId }), 'FORBIDDEN');
    await expectCode(ben.trpc.groups.info.query({ chatId }), 'FORBIDDEN');
    await expectCode(ben.trpc.groups.addMembers.mutate({ chatId, userIds: [ben.user.id] }), 'FORBIDDEN');
    // Ben's chat list keeps the group, read-only, frozen at the removal.
    const view = await ben.trpc.chats.get.query({ chatId });
    expect(view).toMatchObject({ readOnly: true, lastSeq: removalSeq });
  });

  it('never stores a message from the removed member after the removal, even when sent concurrently', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Race', memberIds: [ben.user.id] });
    const sends = Array.from({ length: 20 }, (_, i) => ben.trpc.messages.send.mutate({ chatId: chat.id, clientId: `race-${i}`, text: `race ${i}` }).then(() => 'sent', () => 'refused'));
    const removal = ana.trpc.groups.removeMember.mutate({ chatId: chat.id, userId: ben.user.id });
    await Promise.all([...sends, removal]);

    const { messages } = await ana.trpc.messages.history.query({ chatId: chat.id, limit: 100 });
    const removalSeq = messages.find((m) => m.meta?.action === 'removed')!.seq;
    const fromBen = messages.filter((m) => m.senderId === ben.user.id && m.kind !== 'system');
    expect(fromBen.every((m) => m.seq < removalSeq)).toBe(true);
    expect(messages.at(-1)!.seq).toBe(removalSeq);
  });
});
