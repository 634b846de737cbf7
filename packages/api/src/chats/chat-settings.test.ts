import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';

describe("a member's own chat settings", () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  let n = 0;
  const say = (from: SignedInUser, text: string) => from.trpc.messages.send.mutate({ chatId, clientId: `m${++n}`, text });

  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

  it('clear chat hides the old messages for the one who cleared only', async () => {
    await say(ana, 'one');
    await say(ben, 'two');
    await say(ana, 'three');
    const anaEvents = collectEvents(ana);
    const benEvents = collectEvents(ben);
    await Promise.all([anaEvents.started, benEvents.started]);

    const cleared = await ben.trpc.chats.clear.mutate({ chatId });
    expect(cleared).toMatchObject({ id: chatId, lastMessage: null, unreadCount: 0 });
    expect((await ben.trpc.messages.history.query({ chatId })).messages).toEqual([]);
    expect((await ana.trpc.messages.history.query({ chatId })).messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect((await ben.trpc.messages.search.query({ query: 'three' })).results).toEqual([]);

    // Ben's other devices learn of it; Ana hears nothing.
    await expect.poll(() => benEvents.events.map((e) => e.event.type)).toContain('chat.updated');
    await say(ana, 'four');
    expect((await ben.trpc.messages.history.query({ chatId })).messages.map((m) => m.text)).toEqual(['four']);
    // (Presence comes and goes untracked; only stored events count here.)
    await expect.poll(() => anaEvents.events.filter((e) => e.id !== null).map((e) => e.event.type)).toEqual(['message.new']);
    anaEvents.stop();
    benEvents.stop();
  });

  it('a hidden chat leaves the list and comes back when a new message arrives', async () => {
    const hidden = await ben.trpc.chats.hide.mutate({ chatId, hidden: true });
    expect(hidden.hidden).toBe(true);
    expect((await ben.trpc.chats.list.query()).chats.map((c) => c.id)).not.toContain(chatId);
    expect((await ben.trpc.chats.list.query({ includeHidden: true })).chats.find((c) => c.id === chatId)?.hidden).toBe(true);
    expect((await ana.trpc.chats.list.query()).chats.map((c) => c.id)).toContain(chatId);

    const benEvents = collectEvents(ben);
    await benEvents.started;
    await say(ana, 'are you there?');
    const back = (await ben.trpc.chats.list.query()).chats.find((c) => c.id === chatId);
    expect(back).toMatchObject({ hidden: false, lastMessage: { text: 'are you there?' } });
    // Ben's devices are told the chat is back, not only that a message arrived.
    await expect
      .poll(() => benEvents.events.filter((e) => e.id !== null).map((e) => e.event))
      .toMatchObject([{ type: 'message.new' }, { type: 'chat.updated', chat: { id: chatId, hidden: false } }]);
    benEvents.stop();

    await ben.trpc.chats.hide.mutate({ chatId, hidden: true });
    await ben.trpc.chats.hide.mutate({ chatId, hidden: false });
    expect((await ben.trpc.chats.list.query()).chats.map((c) => c.id)).toContain(chatId);
  });

  it('mute, theme and background belong to one member', async () => {
    const until = new Date(server.clock.now().getTime() + 8 * 3600_000).toISOString();
    expect((await ben.trpc.chats.mute.mutate({ chatId, until })).mutedUntil).toBe(until);
    await expect(ben.trpc.chats.mute.mutate({ chatId, until: new Date(server.clock.now().getTime() - 1000).toISOString() })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
    expect((await ben.trpc.chats.setTheme.mutate({ chatId, theme: 'ocean' })).theme).toBe('ocean');
    await expect(ben.trpc.chats.setTheme.mutate({ chatId, theme: '<script>' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

    const colored = await ben.trpc.chats.setBackground.mutate({ chatId, color: '#AABBCC' });
    expect(colored).toMatchObject({ background: '#aabbcc', backgroundColor: '#aabbcc', backgroundMediaId: null });
    const { body: wallpaper } = await upload(server.url, ben.tokens.accessToken, await pngImage(64, 64), { contentType: 'image/png' });
    const pictured = await ben.trpc.chats.setBackground.mutate({ chatId, mediaId: wallpaper.mediaId });
    expect(pictured).toMatchObject({ backgroundColor: null, backgroundMediaId: wallpaper.mediaId });
    const { body: anasPicture } = await upload(server.url, ana.tokens.accessToken, await pngImage(64, 64), { contentType: 'image/png' });
    await expect(ben.trpc.chats.setBackground.mutate({ chatId, mediaId: anasPicture.mediaId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(ben.trpc.chats.setBackground.mutate({ chatId, mediaId: wallpaper.mediaId, color: '#000000' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

    const anaSide = await ana.trpc.chats.get.query({ chatId });
    expect(anaSide).toMatchObject({ mutedUntil: null, theme: null, background: null });
    expect((await ben.trpc.chats.mute.mutate({ chatId, until: null })).mutedUntil).toBeNull();
    expect((await ben.trpc.chats.setBackground.mutate({ chatId })).background).toBeNull();
  });

  it('shared media gallery: images, videos, documents and links, newest first, paged, only what the caller sees', async () => {
    const image = async () => (await upload(server.url, ana.tokens.accessToken, await pngImage(16, 16), { contentType: 'image/png' })).body.mediaId as string;
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await ana.trpc.messages.send.mutate({ chatId, clientId: `img${i}`, kind: 'image', mediaId: await image() }));
    const { body: doc } = await upload(server.url, ana.tokens.accessToken, Buffer.from('%PDF-1.4 minutes'), { kind: 'document', fileName: 'minutes.pdf' });
    const document = await ana.trpc.messages.send.mutate({ chatId, clientId: 'doc', kind: 'document', mediaId: doc.mediaId });
    const link = await ben.trpc.messages.send.mutate({ chatId, clientId: 'link', kind: 'link', text: 'http://127.0.0.1/agenda' });
    await say(ana, 'just text, not in the gallery');

    const all = await ben.trpc.chats.media.query({ chatId });
    expect(all.items.map((m) => m.id)).toEqual([link.id, document.id, sent[2]!.id, sent[1]!.id, sent[0]!.id]);
    expect(all.nextCursor).toBeNull();

    const first = await ben.trpc.chats.media.query({ chatId, kind: 'image', limit: 2 });
    expect(first.items.map((m) => m.id)).toEqual([sent[2]!.id, sent[1]!.id]);
    const second = await ben.trpc.chats.media.query({ chatId, kind: 'image', limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [{ id: sent[0]!.id }], nextCursor: null });
    expect((await ben.trpc.chats.media.query({ chatId, kind: 'document' })).items.map((m) => m.media?.fileName)).toEqual(['minutes.pdf']);
    expect((await ben.trpc.chats.media.query({ chatId, kind: 'link' })).items.map((m) => m.id)).toEqual([link.id]);

    await ana.trpc.messages.delete.mutate({ messageId: sent[2]!.id, forEveryone: true });
    await ben.trpc.messages.delete.mutate({ messageId: sent[1]!.id, forEveryone: false });
    expect((await ben.trpc.chats.media.query({ chatId, kind: 'image' })).items.map((m) => m.id)).toEqual([sent[0]!.id]);
    expect((await ana.trpc.chats.media.query({ chatId, kind: 'image' })).items.map((m) => m.id)).toEqual([sent[1]!.id, sent[0]!.id]);
  });

  it('lists the groups two people share, with a count', async () => {
    const cleo = await signIn(server);
    await ana.trpc.groups.create.mutate({ name: 'Climbing', memberIds: [ben.user.id, cleo.user.id] });
    await ana.trpc.groups.create.mutate({ name: 'Book club', memberIds: [cleo.user.id] });
    await cleo.trpc.groups.create.mutate({ name: 'Cleo and Ben', memberIds: [ben.user.id] });

    const withAna = await ben.trpc.chats.commonGroups.query({ userId: ana.user.id });
    expect(withAna).toMatchObject({ count: 1, groups: [{ name: 'Climbing', memberCount: 3 }] });
    const withCleo = await ana.trpc.chats.commonGroups.query({ userId: cleo.user.id });
    expect(withCleo.count).toBe(2);
    expect(withCleo.groups.map((g) => g.name).sort()).toEqual(['Book club', 'Climbing']);
    await expect(ana.trpc.chats.commonGroups.query({ userId: 'nobody-at-all' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await cleo.close();
  });
});
