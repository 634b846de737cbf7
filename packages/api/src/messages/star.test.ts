import { describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';

describe('starred messages', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

  const starredIds = async (user: SignedInUser) => (await user.trpc.messages.starred.query()).items.map((i) => i.message.id);

  it('keeps my stars for me alone, newest first, once however often I star, across my devices', async () => {
    const first = await ben.trpc.messages.send.mutate({ chatId, clientId: 'star-1', text: 'The door code is 4711' });
    const second = await ana.trpc.messages.send.mutate({ chatId, clientId: 'star-2', text: 'Train at 9:14' });
    const anaLaptop = await signIn(server, ana.phone, 'laptop');
    const laptopEvents = collectEvents(anaLaptop);
    await laptopEvents.started;

    // Starred in the other order than sent: the list follows when I starred, not when it was sent.
    await ana.trpc.messages.star.mutate({ messageId: second.id, starred: true });
    server.clock.advance(1_000);
    await ana.trpc.messages.star.mutate({ messageId: first.id, starred: true });
    await ana.trpc.messages.star.mutate({ messageId: first.id, starred: true });

    const { items } = await anaLaptop.trpc.messages.starred.query();
    expect(items.map((i) => [i.message.id, i.message.text])).toEqual([
      [first.id, 'The door code is 4711'],
      [second.id, 'Train at 9:14'],
    ]);
    expect(await starredIds(ben)).toEqual([]);
    await expect
      .poll(() => laptopEvents.events.map((e) => e.event).filter((e) => e.type === 'message.starred'))
      .toEqual([
        { type: 'message.starred', chatId, messageId: second.id, starred: true },
        { type: 'message.starred', chatId, messageId: first.id, starred: true },
        { type: 'message.starred', chatId, messageId: first.id, starred: true },
      ]);

    await ana.trpc.messages.star.mutate({ messageId: first.id, starred: false });
    expect(await starredIds(ana)).toEqual([second.id]);
    laptopEvents.stop();
    await anaLaptop.close();
  });

  it('drops a star when the message goes for everyone or from my view, and refuses stars on what is gone', async () => {
    const gone = await ben.trpc.messages.send.mutate({ chatId, clientId: 'gone', text: 'oops, wrong chat' });
    const hidden = await ben.trpc.messages.send.mutate({ chatId, clientId: 'hidden', text: 'delete me for me' });
    await ana.trpc.messages.star.mutate({ messageId: gone.id, starred: true });
    await ana.trpc.messages.star.mutate({ messageId: hidden.id, starred: true });
    await ben.trpc.messages.delete.mutate({ messageId: gone.id, forEveryone: true });
    await ana.trpc.messages.delete.mutate({ messageId: hidden.id, forEveryone: false });

    const ids = await starredIds(ana);
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(hidden.id);
    await expect(ana.trpc.messages.star.mutate({ messageId: gone.id, starred: true })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

    // Clearing the chat takes its stars out of my list too.
    const kept = await ben.trpc.messages.send.mutate({ chatId, clientId: 'kept', text: 'before the clear' });
    await ana.trpc.messages.star.mutate({ messageId: kept.id, starred: true });
    await ana.trpc.chats.clear.mutate({ chatId });
    expect(await starredIds(ana)).toEqual([]);
  });

  it('gives an outsider nothing: their star is NOT_FOUND and their list stays empty', async () => {
    const eve = await signIn(server);
    const secret = await ben.trpc.messages.send.mutate({ chatId, clientId: 'secret', text: 'between us' });
    await expect(eve.trpc.messages.star.mutate({ messageId: secret.id, starred: true })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(eve.trpc.messages.star.mutate({ messageId: 'no-such-message', starred: true })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect(await starredIds(eve)).toEqual([]);
    await eve.close();
  });
});
