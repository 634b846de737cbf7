import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';
import { describe, expect, it } from 'vitest';
import { expectCode } from '../groups/testing/group-fixture.js';

async function myEmoticon(server: TestServer, user: SignedInUser, shortcut: string) {
  const result = await upload(server.url, user.tokens.accessToken, new Uint8Array(await pngImage(64, 64, '#ffaa00')), { contentType: 'image/png', kind: 'image' });
  expect(result.status).toBe(201);
  return user.trpc.emoticons.create.mutate({ shortcut, mediaId: result.body.mediaId as string });
}

async function streamHead(user: SignedInUser): Promise<string> {
  return (await user.trpc.sync.changes.query({ since: '999999999999999', limit: 1 })).nextSince;
}

async function eventsSince(user: SignedInUser, since: string) {
  return (await user.trpc.sync.changes.query({ since })).events.map((e) => e.event);
}

describe('reacting with a custom emoticon', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

  const reactionsOn = async (user: SignedInUser, messageId: string) =>
    (await user.trpc.messages.history.query({ chatId, limit: 50 })).messages.find((m) => m.id === messageId)!.reactions;

  it('Ana reacts with her :party:; Ben sees its picture through history and his events, may fetch it, and is told ":party:"', async () => {
    const party = await myEmoticon(server, ana, 'party');
    const message = await ben.trpc.messages.send.mutate({ chatId, clientId: 'r1', text: 'We shipped it' });
    const since = await streamHead(ben);

    await ana.trpc.messages.react.mutate({ messageId: message.id, emoticonId: party.id });

    const drawn = { emoticonId: party.id, shortcut: 'party', mediaId: party.mediaId, animated: false };
    expect(await reactionsOn(ben, message.id)).toEqual([{ userId: ana.user.id, emoji: ':party:', emoticon: drawn }]);
    expect(await eventsSince(ben, since)).toContainEqual({ type: 'reaction', chatId, messageId: message.id, userId: ana.user.id, emoji: ':party:', emoticon: drawn });
    const image = await fetch(`${server.url}/media/${party.mediaId}`, { headers: { authorization: `Bearer ${ben.tokens.accessToken}` } });
    expect(image.status).toBe(200);
    const notifications = (await ben.trpc.notifications.list.query()).notifications;
    expect(notifications.find((n) => n.kind === 'reaction' && n.messageId === message.id)).toMatchObject({ title: expect.stringMatching(/reacted :party: to your message$/) });

    // An emoji replaces it, and taking it back leaves none.
    await ana.trpc.messages.react.mutate({ messageId: message.id, emoji: '👍' });
    expect(await reactionsOn(ben, message.id)).toEqual([{ userId: ana.user.id, emoji: '👍' }]);
    await ana.trpc.messages.react.mutate({ messageId: message.id, emoticonId: party.id });
    await ana.trpc.messages.react.mutate({ messageId: message.id, emoji: null });
    expect(await reactionsOn(ben, message.id)).toEqual([]);
  });

  it('refuses someone else\'s emoticon, one that does not exist, and an input with both or neither', async () => {
    const wave = await myEmoticon(server, ana, 'wave');
    const message = await ana.trpc.messages.send.mutate({ chatId, clientId: 'r2', text: 'Hello' });
    await expectCode(ben.trpc.messages.react.mutate({ messageId: message.id, emoticonId: wave.id }), 'BAD_REQUEST');
    await expectCode(ben.trpc.messages.react.mutate({ messageId: message.id, emoticonId: 'no-such-emoticon' }), 'BAD_REQUEST');
    await expectCode(ana.trpc.messages.react.mutate({ messageId: message.id, emoji: '👍', emoticonId: wave.id }), 'BAD_REQUEST');
    await expectCode(ana.trpc.messages.react.mutate({ messageId: message.id }), 'BAD_REQUEST');
    expect(await reactionsOn(ana, message.id)).toEqual([]);
  });

  it('when Ana deletes the emoticon, her reaction shows :shortcut: as text, and Ben is told at once', async () => {
    const cake = await myEmoticon(server, ana, 'cake');
    // No message uses :cake: inline: the reaction alone makes Ben one to tell.
    const message = await ben.trpc.messages.send.mutate({ chatId, clientId: 'r3', text: 'Birthday tomorrow' });
    await ana.trpc.messages.react.mutate({ messageId: message.id, emoticonId: cake.id });
    const since = await streamHead(ben);

    await ana.trpc.emoticons.delete.mutate({ emoticonId: cake.id });

    expect(await eventsSince(ben, since)).toContainEqual({ type: 'emoticon.deleted', emoticonId: cake.id, shortcut: 'cake' });
    expect(await reactionsOn(ben, message.id)).toEqual([{ userId: ana.user.id, emoji: ':cake:' }]);
    await expectCode(ana.trpc.messages.react.mutate({ messageId: message.id, emoticonId: cake.id }), 'BAD_REQUEST');
  });
});
