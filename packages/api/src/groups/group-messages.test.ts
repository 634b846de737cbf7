import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { expectCode, people } from './testing/group-fixture.js';

describe('messages in a group', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, eve: SignedInUser, chatId: string;
  serverForSuite(async (s) => {
    server = s;
    [ana, ben, cy, eve] = await people(server, ['Ana', 'Ben', 'Cy', 'Eve']);
    chatId = (await ana.trpc.groups.create.mutate({ name: 'Kinds', memberIds: [ben.user.id, cy.user.id] })).chat.id;
    return [ana, ben, cy, eve];
  });

  it('delivers every kind, replies and reactions to every member', async () => {
    const cyLive = collectEvents(cy);
    await cyLive.started;
    const text = await ana.trpc.messages.send.mutate({ chatId, clientId: 'k-text', text: 'hello all' });
    const image = await upload(server.url, ben.tokens.accessToken, await pngImage(40, 30), { contentType: 'image/png' });
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'k-image', kind: 'image', mediaId: image.body.mediaId, text: 'look', replyToId: text.id });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'k-contact', kind: 'contact', contact: { name: 'Dora', phones: ['+12015550100'] } });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'k-location', kind: 'location', location: { lat: 52.52, lng: 13.4 } });
    await ana.trpc.polls.create.mutate({ chatId, question: 'Pizza?', options: ['Yes', 'No'], multipleAnswers: false });
    await cy.trpc.messages.react.mutate({ messageId: text.id, emoji: '👍' });

    await expect.poll(() => messagesOf(cyLive).map((m) => m.kind)).toEqual(['text', 'image', 'contact', 'location', 'poll']);
    expect(messagesOf(cyLive)[1]).toMatchObject({ replyToId: text.id, text: 'look', mediaId: image.body.mediaId });
    await expect.poll(() => cyLive.events.some((e) => e.event.type === 'reaction')).toBe(true);
    cyLive.stop();
    expect(await fetch(`${server.url}/media/${image.body.mediaId}`, { headers: { authorization: `Bearer ${cy.tokens.accessToken}` } }).then((r) => r.status)).toBe(200);
    expect(await fetch(`${server.url}/media/${image.body.mediaId}`, { headers: { authorization: `Bearer ${eve.tokens.accessToken}` } }).then((r) => r.status)).toBe(404);
  });

  it("names the last message's sender in the chat list, except to the sender and for notices", async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Previews', memberIds: [ben.user.id] });
    const row = async (user: SignedInUser) => (await user.trpc.chats.list.query({})).chats.find((c) => c.id === chat.id)!;
    // The newest message is the "created the group" notice: it names its actor itself.
    expect((await row(ben)).lastSender).toBeNull();
    await ben.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'preview-1', text: 'On my way' });
    expect(await row(ana)).toMatchObject({ lastMessage: { text: 'On my way' }, lastSender: { id: ben.user.id, name: 'Ben' } });
    expect((await row(ben)).lastSender).toBeNull();
  });

  it('stores mentions of members in meta, so mentioned clients can notify even when muted', async () => {
    const benLive = collectEvents(ben);
    await benLive.started;
    const sent = await ana.trpc.messages.send.mutate({ chatId, clientId: 'mention', text: '@Ben can you bring the map?', mentions: [ben.user.id, ben.user.id] });
    expect(sent.meta).toMatchObject({ mentions: [ben.user.id] });
    await expect.poll(() => messagesOf(benLive).map((m) => m.meta?.mentions)).toEqual([[ben.user.id]]);
    benLive.stop();
    await expectCode(ana.trpc.messages.send.mutate({ chatId, clientId: 'mention-eve', text: '@Eve', mentions: [eve.user.id] }), 'BAD_REQUEST');
  });

  it('shows the author who read a message ("read by"), and nobody who joined later', async () => {
    const message = await ana.trpc.messages.send.mutate({ chatId, clientId: 'read-me', text: 'read this' });
    await ben.trpc.chats.markRead.mutate({ chatId, seq: message.seq });
    await ana.trpc.groups.addMembers.mutate({ chatId, userIds: [eve.user.id] });
    const { receipts } = await ana.trpc.messages.receipts.query({ messageId: message.id });
    const byUser = Object.fromEntries(receipts.map((r) => [r.userId, r.readAt !== null]));
    expect(byUser).toEqual({ [ben.user.id]: true, [cy.user.id]: false });
  });
});
