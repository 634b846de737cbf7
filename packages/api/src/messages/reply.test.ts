import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { upload } from '@confab/testing/media/upload';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';

describe('replies', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

  it('carry a preview of the quoted message, live and in history', async () => {
    const anaEvents = collectEvents(ana);
    await anaEvents.started;
    const question = await ana.trpc.messages.send.mutate({ chatId, clientId: 'q', text: 'Shall we meet at the station at nine tomorrow?' });
    const answer = await ben.trpc.messages.send.mutate({ chatId, clientId: 'a', text: 'Yes!', replyToId: question.id });
    const preview = { id: question.id, senderId: ana.user.id, kind: 'text', text: 'Shall we meet at the station at nine tomorrow?', available: true };
    expect(answer.replyTo).toEqual(preview);
    await expect.poll(() => messagesOf(anaEvents).find((m) => m.id === answer.id)?.replyTo).toEqual(preview);
    expect((await ana.trpc.messages.history.query({ chatId })).messages.find((m) => m.id === answer.id)).toMatchObject({ replyToId: question.id, replyTo: preview });
    anaEvents.stop();
  });

  it('quote a document by its file name, and show a deleted original as unavailable', async () => {
    const { body } = await upload(server.url, ana.tokens.accessToken, randomBytes(64), { kind: 'document', fileName: 'tickets.pdf' });
    const doc = await ana.trpc.messages.send.mutate({ chatId, clientId: 'doc', kind: 'document', mediaId: body.mediaId });
    const thanks = await ben.trpc.messages.send.mutate({ chatId, clientId: 'thanks', text: 'thanks', replyToId: doc.id });
    expect(thanks.replyTo).toMatchObject({ kind: 'document', text: 'tickets.pdf', available: true });

    await ana.trpc.messages.delete.mutate({ messageId: doc.id, forEveryone: true });
    const reply = (await ben.trpc.messages.history.query({ chatId })).messages.find((m) => m.id === thanks.id);
    expect(reply?.replyTo).toEqual({ id: doc.id, senderId: ana.user.id, kind: 'document', text: null, available: false });
  });

  it('may only quote a message of the same chat that the sender can see', async () => {
    const eve = await signIn(server);
    const other = (await eve.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    const elsewhere = await eve.trpc.messages.send.mutate({ chatId: other, clientId: 'e', text: 'elsewhere' });
    await expect(ben.trpc.messages.send.mutate({ chatId, clientId: 'x1', text: 'hm', replyToId: elsewhere.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(ana.trpc.messages.send.mutate({ chatId, clientId: 'x2', text: 'hm', replyToId: elsewhere.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(ben.trpc.messages.send.mutate({ chatId, clientId: 'x3', text: 'hm', replyToId: 'no-such-message' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await eve.close();
  });
});
