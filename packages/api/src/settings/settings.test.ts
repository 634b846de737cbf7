import { personForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('settings', () => {
  let server: TestServer, ana: SignedInUser;
  personForSuite((t) => ({ server, ana } = t));

  it('start at the defaults, change only what is given, and reach the other devices', async () => {
    expect(await ana.trpc.settings.get.query()).toEqual({
      theme: 'system',
      notifications: { preview: true, sound: true, messages: true, groups: true, stories: true, reactions: true },
      privacy: { lastSeen: 'everyone', profilePhoto: 'everyone', about: 'everyone', readReceipts: 'everyone', groupAdd: 'everyone', stories: 'contacts', messageMe: 'everyone' },
    });
    const laptop = await signIn(server, ana.phone, 'laptop');
    const laptopEvents = collectEvents(laptop);
    await laptopEvents.started;

    await ana.trpc.settings.update.mutate({ theme: 'dark', notifications: { preview: false } });
    const updated = await ana.trpc.settings.update.mutate({ privacy: { lastSeen: 'contacts', readReceipts: 'nobody' } });
    expect(updated).toEqual({
      theme: 'dark',
      notifications: { preview: false, sound: true, messages: true, groups: true, stories: true, reactions: true },
      privacy: { lastSeen: 'contacts', profilePhoto: 'everyone', about: 'everyone', readReceipts: 'nobody', groupAdd: 'everyone', stories: 'contacts', messageMe: 'everyone' },
    });
    expect(await laptop.trpc.settings.get.query()).toEqual(updated);
    await expect.poll(() => laptopEvents.events.filter((e) => e.event.type === 'settings.updated').at(-1)?.event).toEqual({ type: 'settings.updated', settings: updated });
    laptopEvents.stop();
    await laptop.close();
  });

  it('refuses unknown values and fields', async () => {
    const update = (input: unknown) => ana.trpc.settings.update.mutate(input as never);
    await expect(update({ theme: 'neon' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(update({ privacy: { lastSeen: 'friends' } })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(update({ privacy: { online: 'nobody' } })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(update({ userId: 'someone-else', theme: 'light' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });
});
