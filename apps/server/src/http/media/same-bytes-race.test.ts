import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { serverForSuite } from '@confab/testing/suite';
import type { TestServer } from '@confab/testing/test-server';

/**
 * Issue 13 item 4: the store is keyed by content, so two uploads of the same bytes share one
 * file. One of them being refused (or its file collected) must never take the other's file.
 */
describe.each(['file', 's3'] as const)('two uploads of the same bytes at once (%s store)', (store) => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser;
  serverForSuite(async (s) => {
    server = s;
    [ana, ben] = await Promise.all([signIn(s), signIn(s)]);
    return [ana, ben];
  }, { mediaStore: store });

  it('a refused upload of the same bytes never removes the file of the one that was kept', async () => {
    for (let round = 0; round < 8; round++) {
      const png = await pngImage(900 + round, 700, `#${(0x123456 + round * 0x0a0b0c).toString(16).slice(-6)}`);
      // Ana's upload is kept; Ben's copies are declared as video, so each is refused and discarded.
      const [kept] = await Promise.all([
        upload(server.url, ana.tokens.accessToken, png, { contentType: 'image/png' }),
        ...Array.from({ length: 3 }, () => upload(server.url, ben.tokens.accessToken, png, { contentType: 'video/mp4', kind: 'video' })),
      ]);
      expect(kept!.status).toBe(201);
      const file = await fetch(`${server.url}/media/${kept!.body.mediaId}`, { headers: { authorization: `Bearer ${ana.tokens.accessToken}` } });
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
      const thumb = await fetch(`${server.url}/media/${kept!.body.mediaId}/thumb`, { headers: { authorization: `Bearer ${ana.tokens.accessToken}` } });
      expect(thumb.status).toBe(200);
    }
  });
});
