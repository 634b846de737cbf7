import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('forwarding', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser, dan: SignedInUser, anaBen: string, anaCleo: string, benCleo: string;
  const download = (user: SignedInUser, mediaId: string) => fetch(new URL(`/media/${mediaId}`, server.url), { headers: { authorization: `Bearer ${user.tokens.accessToken}` } });

  serverForSuite(async (s) => {
    server = s;
    [ana, ben, cleo, dan] = await Promise.all([signIn(server), signIn(server), signIn(server), signIn(server)]);
    anaBen = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    anaCleo = (await ana.trpc.chats.openDirect.mutate({ userId: cleo.user.id })).id;
    benCleo = (await ben.trpc.chats.openDirect.mutate({ userId: cleo.user.id })).id;
    return [ana, ben, cleo, dan];
  });

  it('copies a message with its media into another chat, marked as forwarded; its members can then download the media', async () => {
    const { body } = await upload(server.url, ben.tokens.accessToken, await pngImage(100, 50), { contentType: 'image/png', fileName: 'map.png' });
    const original = await ben.trpc.messages.send.mutate({ chatId: anaBen, clientId: 'map', kind: 'image', mediaId: body.mediaId, text: 'the route' });
    expect((await download(cleo, body.mediaId)).status).toBe(404);

    const cleoEvents = collectEvents(cleo);
    await cleoEvents.started;
    const { messages } = await ana.trpc.messages.forward.mutate({ messageId: original.id, chatIds: [anaCleo] });
    expect(messages).toHaveLength(1);
    await expect.poll(() => messagesOf(cleoEvents).map((m) => m.id)).toEqual([messages[0]!.id]);
    const received = messagesOf(cleoEvents)[0]!;
    expect(received).toMatchObject({ chatId: anaCleo, senderId: ana.user.id, kind: 'image', text: 'the route', forwarded: true, replyTo: null, media: { mediaId: body.mediaId, width: 100, height: 50, fileName: 'map.png' } });

    expect((await download(cleo, body.mediaId)).status).toBe(200);
    expect((await download(dan, body.mediaId)).status).toBe(404);
    // The original is not marked; Ben's chat is unchanged.
    expect((await ben.trpc.messages.history.query({ chatId: anaBen })).messages.at(-1)).toMatchObject({ id: original.id, forwarded: false });
    cleoEvents.stop();
  });

  it('forwards to several chats at once, once per chat however often it is retried', async () => {
    const note = await ana.trpc.messages.send.mutate({ chatId: anaBen, clientId: 'note', kind: 'location', location: { lat: 48.8584, lng: 2.2945, name: 'Eiffel Tower' } });
    const first = await ana.trpc.messages.forward.mutate({ messageId: note.id, chatIds: [anaCleo, anaBen], clientId: 'fwd-1' });
    const again = await ana.trpc.messages.forward.mutate({ messageId: note.id, chatIds: [anaCleo, anaBen], clientId: 'fwd-1' });
    expect(again.messages.map((m) => m.id).sort()).toEqual(first.messages.map((m) => m.id).sort());
    const inCleo = (await cleo.trpc.messages.history.query({ chatId: anaCleo })).messages.filter((m) => m.kind === 'location');
    expect(inCleo).toHaveLength(1);
    expect(inCleo[0]).toMatchObject({ forwarded: true, meta: { forwarded: true, location: { name: 'Eiffel Tower' } } });
  });

  it('refuses chats the caller is not in (NOT_FOUND) and then forwards to none of them', async () => {
    const message = await ana.trpc.messages.send.mutate({ chatId: anaBen, clientId: 'private', text: 'between us' });
    const before = (await cleo.trpc.messages.history.query({ chatId: anaCleo })).messages.length;
    await expect(ana.trpc.messages.forward.mutate({ messageId: message.id, chatIds: [anaCleo, benCleo] })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(ana.trpc.messages.forward.mutate({ messageId: message.id, chatIds: ['no-such-chat'] })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect((await cleo.trpc.messages.history.query({ chatId: anaCleo })).messages).toHaveLength(before);

    // Nor can someone forward a message they cannot see.
    await expect(cleo.trpc.messages.forward.mutate({ messageId: message.id, chatIds: [benCleo] })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('does not forward a message deleted for everyone, and drops the quote of a reply', async () => {
    const gone = await ana.trpc.messages.send.mutate({ chatId: anaBen, clientId: 'oops', text: 'oops' });
    await ana.trpc.messages.delete.mutate({ messageId: gone.id, forEveryone: true });
    await expect(ana.trpc.messages.forward.mutate({ messageId: gone.id, chatIds: [anaCleo] })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

    const question = await ana.trpc.messages.send.mutate({ chatId: anaBen, clientId: 'q', text: 'lunch?' });
    const answer = await ben.trpc.messages.send.mutate({ chatId: anaBen, clientId: 'a', text: 'yes, at noon', replyToId: question.id });
    const { messages } = await ben.trpc.messages.forward.mutate({ messageId: answer.id, chatIds: [benCleo] });
    expect(messages[0]).toMatchObject({ text: 'yes, at noon', replyToId: null, forwarded: true });
  });
});
