import { describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';

describe('tags on contacts and labels on chats', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

  it('tags a contact for me alone, tidied, and tells my other devices', async () => {
    await ana.trpc.contacts.add.mutate({ userId: ben.user.id });
    const laptop = await signIn(server, ana.phone, 'laptop');
    const events = collectEvents(laptop);
    await events.started;
    const tagged = await ana.trpc.contacts.setTags.mutate({ userId: ben.user.id, tags: [' Work ', 'Climbing', 'work'] });
    expect(tagged.tags).toEqual(['Work', 'Climbing']);
    expect((await laptop.trpc.contacts.list.query()).find((c) => c.user.id === ben.user.id)?.tags).toEqual(['Work', 'Climbing']);
    await expect.poll(() => events.events.map((e) => e.event).find((e) => e.type === 'contact.updated')).toMatchObject({ contact: { tags: ['Work', 'Climbing'] } });
    events.stop();
    await laptop.close();
  });

  it('labels a chat for me alone', async () => {
    const view = await ana.trpc.chats.setLabels.mutate({ chatId, labels: ['Family'] });
    expect(view.labels).toEqual(['Family']);
    expect((await ana.trpc.chats.list.query()).chats.find((c) => c.id === chatId)?.labels).toEqual(['Family']);
    expect((await ben.trpc.chats.get.query({ chatId })).labels).toEqual([]);
  });

  it('refuses empty, long or control-character labels with a clear message, and tags on a non-contact', async () => {
    await expect(ana.trpc.contacts.setTags.mutate({ userId: ben.user.id, tags: ['  '] })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' }, message: expect.stringContaining('cannot be empty') });
    await expect(ana.trpc.chats.setLabels.mutate({ chatId, labels: ['x'.repeat(33)] })).rejects.toMatchObject({ message: expect.stringContaining('limited to 32 characters') });
    await expect(ana.trpc.chats.setLabels.mutate({ chatId, labels: ['bad\u0007label'] })).rejects.toMatchObject({ message: expect.stringContaining('control characters') });
    await expect(ben.trpc.contacts.setTags.mutate({ userId: ana.user.id, tags: ['Work'] })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});
