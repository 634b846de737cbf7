import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCode } from '../groups/testing/group-fixture.js';

async function uploadPng(server: TestServer, user: SignedInUser, color: string): Promise<string> {
  const result = await upload(server.url, user.tokens.accessToken, new Uint8Array(await pngImage(64, 64, color)), { contentType: 'image/png', kind: 'image' });
  expect(result.status).toBe(201);
  return result.body.mediaId as string;
}

async function download(server: TestServer, user: SignedInUser, mediaId: string) {
  const res = await fetch(`${server.url}/media/${mediaId}`, { headers: { authorization: `Bearer ${user.tokens.accessToken}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Where a user's stream is now, to read what arrives after it (`sync.changes` is the stored stream). */
async function streamHead(user: SignedInUser): Promise<string> {
  return (await user.trpc.sync.changes.query({ since: '999999999999999', limit: 1 })).nextSince;
}

async function eventsSince(user: SignedInUser, since: string) {
  return (await user.trpc.sync.changes.query({ since })).events.map((e) => e.event);
}

describe('saving someone else\'s sticker or emoticon, and deleting one', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string, cara: SignedInUser, anaCaraChat: string;
  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));
  beforeAll(async () => {
    cara = await signIn(server);
    anaCaraChat = (await ana.trpc.chats.openDirect.mutate({ userId: cara.user.id })).id;
  });
  afterAll(() => cara?.close());

  it('Ben adds Ana\'s :party: from her message or her sticker; the copy shows the same picture and is his to use', async () => {
    const party = await ana.trpc.emoticons.create.mutate({ shortcut: 'party', mediaId: await uploadPng(server, ana, '#ffaa00') });
    const text = await ana.trpc.messages.send.mutate({ chatId, clientId: 's1', text: 'Yay :party:' });
    const sticker = await ana.trpc.messages.send.mutate({ chatId, clientId: 's2', kind: 'sticker', mediaId: party.mediaId });

    await expectCode(cara.trpc.emoticons.save.mutate({ messageId: text.id }), 'NOT_FOUND');
    await expectCode(cara.trpc.emoticons.save.mutate({ messageId: sticker.id }), 'NOT_FOUND');

    const mine = await ben.trpc.emoticons.save.mutate({ messageId: text.id });
    expect(mine).toMatchObject({ shortcut: 'party', animated: false });
    expect(mine.mediaId).not.toBe(party.mediaId);
    expect(await ben.trpc.emoticons.list.query()).toEqual([mine]);
    expect((await download(server, cara, mine.mediaId)).bytes.equals((await download(server, cara, party.mediaId)).bytes)).toBe(true);
    await expect(ben.trpc.emoticons.save.mutate({ messageId: sticker.id })).rejects.toThrow(/already one of yours: :party:/);

    const sent = await ben.trpc.messages.send.mutate({ chatId, clientId: 'b1', text: 'me too :party:' });
    expect(sent.meta).toEqual({ emoticons: { party: { emoticonId: mine.id, mediaId: mine.mediaId, animated: false } } });
    const benSticker = await ben.trpc.messages.send.mutate({ chatId, clientId: 'b2', kind: 'sticker', mediaId: mine.mediaId });
    expect(benSticker.mediaId).toBe(mine.mediaId);
  });

  it('a shortcut Ben already uses gets the next free one, or he picks his own', async () => {
    const wave = await ana.trpc.emoticons.create.mutate({ shortcut: 'wave', mediaId: await uploadPng(server, ana, '#3366ff') });
    await ben.trpc.emoticons.create.mutate({ shortcut: 'wave', mediaId: await uploadPng(server, ben, '#33ff66') });
    const sticker = await ana.trpc.messages.send.mutate({ chatId, clientId: 's3', kind: 'sticker', mediaId: wave.mediaId });
    await expectCode(ben.trpc.emoticons.save.mutate({ messageId: sticker.id, shortcut: ':wave:' }), 'CONFLICT');
    expect((await ben.trpc.emoticons.save.mutate({ messageId: sticker.id })).shortcut).toBe('wave-2');
    await ben.trpc.emoticons.delete.mutate({ emoticonId: (await ben.trpc.emoticons.list.query()).find((e) => e.shortcut === 'wave-2')!.id });
    expect((await ben.trpc.emoticons.save.mutate({ messageId: sticker.id, shortcut: 'ana-wave' })).shortcut).toBe('ana-wave');
    const plain = await ana.trpc.messages.send.mutate({ chatId, clientId: 's4', text: 'no pictures here' });
    await expect(ben.trpc.emoticons.save.mutate({ messageId: plain.id })).rejects.toThrow(/no sticker or custom emoticon to save/);
  });

  it('deleting :party: reaches the members of the chats that used it, whose messages show the text from then on', async () => {
    const [party] = (await ana.trpc.emoticons.list.query()).filter((e) => e.shortcut === 'party');
    await ana.trpc.messages.send.mutate({ chatId: anaCaraChat, clientId: 'c1', text: 'hi Cara' });
    const [benSince, caraSince] = await Promise.all([streamHead(ben), streamHead(cara)]);

    await ana.trpc.emoticons.delete.mutate({ emoticonId: party!.id });
    expect(await eventsSince(ben, benSince)).toContainEqual({ type: 'emoticon.deleted', emoticonId: party!.id, shortcut: 'party' });
    expect((await eventsSince(cara, caraSince)).filter((e) => e.type === 'emoticon.deleted')).toEqual([]);

    const { messages } = await ben.trpc.messages.history.query({ chatId, limit: 20 });
    const byClient = (clientId: string) => messages.find((m) => m.clientId === clientId)!;
    expect([byClient('s1').text, byClient('s1').meta]).toEqual(['Yay :party:', null]);
    // Her sticker stays a picture; Ben's own copy and what he sent with it are untouched.
    expect((await download(server, ben, byClient('s2').mediaId!)).status).toBe(200);
    expect(byClient('b1').meta).toMatchObject({ emoticons: { party: { mediaId: expect.any(String) } } });
    const [benParty] = (await ben.trpc.emoticons.list.query()).filter((e) => e.shortcut === 'party');
    expect((await download(server, cara, benParty!.mediaId)).status).toBe(200);
  });

  it('an edit that types :shortcut: draws it, and one that takes it out stops', async () => {
    const cake = await ana.trpc.emoticons.create.mutate({ shortcut: 'cake', mediaId: await uploadPng(server, ana, '#ff3366') });
    const sent = await ana.trpc.messages.send.mutate({ chatId, clientId: 'e1', text: 'happy birthday' });
    expect(sent.meta).toBeNull();
    const edited = await ana.trpc.messages.edit.mutate({ messageId: sent.id, text: 'happy birthday :cake: :nope:' });
    expect(edited.meta).toEqual({ emoticons: { cake: { emoticonId: cake.id, mediaId: cake.mediaId, animated: false } } });
    const { messages } = await ben.trpc.messages.history.query({ chatId, limit: 5 });
    expect(messages.find((m) => m.id === sent.id)?.meta).toEqual(edited.meta);
    expect((await ana.trpc.messages.edit.mutate({ messageId: sent.id, text: 'happy birthday' })).meta).toBeNull();
  });
});
