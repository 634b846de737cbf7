import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../ports/clock.js';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';

describe('edits', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

  it('show as edited to the other side, and keep every earlier version for the author only', async () => {
    const clock = server.clock as ManualClock;
    const benEvents = collectEvents(ben);
    await benEvents.started;
    const sent = await ana.trpc.messages.send.mutate({ chatId, clientId: 'e', text: 'see you at 8' });
    clock.advance(60_000);
    await ana.trpc.messages.edit.mutate({ messageId: sent.id, text: 'see you at 9' });
    // Two edits in one clock tick still keep their order.
    await ana.trpc.messages.edit.mutate({ messageId: sent.id, text: 'see you at 9:30' });
    await ana.trpc.messages.edit.mutate({ messageId: sent.id, text: 'see you at 10' });

    const updates = () => benEvents.events.filter((e) => e.event.type === 'message.updated').map((e) => (e.event as { message: { text: string; editedAt: string | null } }).message);
    await expect.poll(() => updates().map((m) => m.text)).toEqual(['see you at 9', 'see you at 9:30', 'see you at 10']);
    expect(updates().every((m) => m.editedAt !== null)).toBe(true);

    const history = await ana.trpc.messages.edits.query({ messageId: sent.id });
    expect(history.current?.text).toBe('see you at 10');
    expect(history.previous.map((v) => v.text)).toEqual(['see you at 8', 'see you at 9', 'see you at 9:30']);
    expect(history.previous[0]!.from).toBe(sent.createdAt);

    await expect(ben.trpc.messages.edits.query({ messageId: sent.id })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const eve = await signIn(server);
    await expect(eve.trpc.messages.edits.query({ messageId: sent.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await eve.close();
    benEvents.stop();
  });

  it('can change a caption but not a contact card or a sticker', async () => {
    const { body } = await upload(server.url, ana.tokens.accessToken, await pngImage(8, 8), { contentType: 'image/png' });
    const photo = await ana.trpc.messages.send.mutate({ chatId, clientId: 'p', kind: 'image', mediaId: body.mediaId, text: 'sunset' });
    expect(await ana.trpc.messages.edit.mutate({ messageId: photo.id, text: 'sunrise, actually' })).toMatchObject({ text: 'sunrise, actually', media: { mediaId: body.mediaId } });
    const card = await ana.trpc.messages.send.mutate({ chatId, clientId: 'c', kind: 'contact', contact: { name: 'Plumber', phones: ['+12015550123'] } });
    await expect(ana.trpc.messages.edit.mutate({ messageId: card.id, text: 'x' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });
});
