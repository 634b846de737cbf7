import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';
import { describe, expect, it } from 'vitest';
import { MAX_EMOTICONS_PER_USER } from './create-emoticon.js';

describe('the number of emoticons one person keeps', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

  it(`stops at ${MAX_EMOTICONS_PER_USER}, even when several arrive at once, and saving one counts too`, { timeout: 180_000 }, async () => {
    const image = async (user: SignedInUser, color: string) => (await upload(server.url, user.tokens.accessToken, new Uint8Array(await pngImage(16, 16, color)), { contentType: 'image/png', kind: 'image' })).body.mediaId as string;
    const benUpload = await image(ben, '#3366ff');
    const create = (n: number) => ben.trpc.emoticons.create.mutate({ shortcut: `e${n}`, mediaId: benUpload });
    for (let n = 0; n < MAX_EMOTICONS_PER_USER - 2; n += 10) await Promise.all(Array.from({ length: Math.min(10, MAX_EMOTICONS_PER_USER - 2 - n) }, (_, i) => create(n + i)));

    const lastFew = await Promise.allSettled([0, 1, 2, 3].map((i) => create(1000 + i)));
    expect(lastFew.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const refused of lastFew.filter((r) => r.status === 'rejected')) {
      expect(String(refused.reason)).toMatch(/You already have 200 stickers and emoticons, the most you can keep; delete one to add another/);
    }
    expect(await ben.trpc.emoticons.list.query()).toHaveLength(MAX_EMOTICONS_PER_USER);

    const party = await ana.trpc.emoticons.create.mutate({ shortcut: 'party', mediaId: await image(ana, '#ffaa00') });
    const sticker = await ana.trpc.messages.send.mutate({ chatId, clientId: 's1', kind: 'sticker', mediaId: party.mediaId });
    await expect(ben.trpc.emoticons.save.mutate({ messageId: sticker.id })).rejects.toThrow(/the most you can keep/);
    await ben.trpc.emoticons.delete.mutate({ emoticonId: (await ben.trpc.emoticons.list.query())[0]!.id });
    expect((await ben.trpc.emoticons.save.mutate({ messageId: sticker.id })).shortcut).toBe('party');
  });
});
