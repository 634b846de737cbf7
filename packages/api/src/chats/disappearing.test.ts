import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../ports/clock.js';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';

describe('disappearing messages', () => {
  describe('with the timers people can pick', () => {
    let ana: SignedInUser, ben: SignedInUser, chatId: string;
    twoPeopleForSuite((t) => ({ ana, ben, chatId } = t));

    it('turns a 7-day timer on for both sides with a notice in the chat, and stamps new messages', async () => {
      const benEvents = collectEvents(ben);
      await benEvents.started;
      await expect(ana.trpc.chats.setDisappearing.mutate({ chatId, seconds: 60 })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
      const view = await ana.trpc.chats.setDisappearing.mutate({ chatId, seconds: 604_800 });
      expect(view.disappearingSeconds).toBe(604_800);

      await expect
        .poll(() => benEvents.events.find((e) => e.event.type === 'chat.updated')?.event)
        .toMatchObject({ type: 'chat.updated', chat: { id: chatId, disappearingSeconds: 604_800 } });
      const notice = messagesOf(benEvents).find((m) => m.kind === 'system');
      expect(notice).toMatchObject({ senderId: ana.user.id, expiresAt: null, meta: { action: 'disappearing_changed', seconds: 604_800 } });
      expect(notice!.text).toMatch(/7 days/);

      const sent = await ben.trpc.messages.send.mutate({ chatId, clientId: 'stamped', text: 'gone in a week' });
      expect(new Date(sent.expiresAt!).getTime() - new Date(sent.createdAt).getTime()).toBe(604_800_000);
      expect((await ben.trpc.chats.get.query({ chatId })).disappearingSeconds).toBe(604_800);
      benEvents.stop();
    });
  });

  describe('with a short test timer (test-only allowance)', () => {
    let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
    twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t), { env: { DISAPPEARING_ALLOW_ANY: '1' } });

    it('expired messages vanish from history and search, are deleted from the server, and every device hears message.deleted', async () => {
      const benEvents = collectEvents(ben);
      await benEvents.started;
      await ana.trpc.chats.setDisappearing.mutate({ chatId, seconds: 60 });
      const { body: image } = await upload(server.url, ana.tokens.accessToken, await pngImage(32, 32), { contentType: 'image/png' });
      const secret = await ana.trpc.messages.send.mutate({ chatId, clientId: 'secret', text: 'the secret plan' });
      const photo = await ana.trpc.messages.send.mutate({ chatId, clientId: 'photo', kind: 'image', mediaId: image.mediaId });
      await ben.trpc.messages.react.mutate({ messageId: secret.id, emoji: '🤫' });
      await ana.trpc.chats.setDisappearing.mutate({ chatId, seconds: null });
      const kept = await ana.trpc.messages.send.mutate({ chatId, clientId: 'kept', text: 'the plan we keep' });
      expect(kept.expiresAt).toBeNull();

      expect((await ben.trpc.messages.search.query({ query: 'plan' })).results.map((r) => r.message.id)).toEqual([kept.id, secret.id]);
      const getImage = () => fetch(new URL(`/media/${image.mediaId}`, server.url), { headers: { authorization: `Bearer ${ben.tokens.accessToken}` } });
      expect((await getImage()).status).toBe(200);

      (server.clock as ManualClock).advance(61_000);
      // Past its time a message is gone for readers at once, before the sweeper runs…
      const visible = async () => (await ben.trpc.messages.history.query({ chatId })).messages.map((m) => m.id);
      expect(await visible()).not.toContain(secret.id);
      expect((await ben.trpc.messages.search.query({ query: 'plan' })).results.map((r) => r.message.id)).toEqual([kept.id]);
      expect((await getImage()).status).toBe(404);

      // …and the sweeper deletes it from the server and tells every device to drop it.
      await server.jobs.sweepDisappearing();
      await expect
        .poll(() => benEvents.events.filter((e) => e.event.type === 'message.deleted').map((e) => e.event))
        .toEqual([
          { type: 'message.deleted', chatId, messageId: secret.id, seq: secret.seq, forEveryone: true, expired: true },
          { type: 'message.deleted', chatId, messageId: photo.id, seq: photo.seq, forEveryone: true, expired: true },
        ]);
      const { db } = server.deps;
      expect(await db.selectFrom('messages').select('id').where('id', 'in', [secret.id, photo.id]).execute()).toEqual([]);
      expect(await db.selectFrom('reactions').select('messageId').where('messageId', '=', secret.id).execute()).toEqual([]);
      expect(await visible()).toContain(kept.id);
      expect(await (async () => (await ana.trpc.messages.history.query({ chatId })).messages.map((m) => m.id))()).not.toContain(photo.id);
      // The notices about the timer stay.
      expect((await ben.trpc.messages.history.query({ chatId })).messages.filter((m) => m.kind === 'system')).toHaveLength(2);
      benEvents.stop();
    });

    it('lets only members set the timer', async () => {
      const eve = await signIn(server);
      await expect(eve.trpc.chats.setDisappearing.mutate({ chatId, seconds: 86_400 })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
      await eve.close();
    });
  });
});
