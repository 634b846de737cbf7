import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { createTestClient, type TestClient } from '@confab/testing/test-client';
import { SecretKeys } from '../session/auth-session.js';
import { disposeAll, onlineCore, RestartableServer, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

/** Ana makes custom emoticons; her desktop keeps them (and their images) for the picker offline. "Ana's phone" deletes one. */
describe('desktop core: my emoticons in the cache', () => {
  const host = new RestartableServer();
  let ana: TestCore, phone: TestClient;
  const token = () => ana.secrets.values.get(SecretKeys.accessToken) ?? null;

  async function makeEmoticon(shortcut: string, colour: string) {
    const uploaded = await upload(host.url, token(), new Uint8Array(await pngImage(64, 64, colour)), { contentType: 'image/png', kind: 'image' });
    return ana.core.api.emoticons.create.mutate({ shortcut, mediaId: uploaded.body.mediaId as string });
  }

  beforeAll(async () => {
    await host.start();
    ana = await onlineCore(host);
    phone = createTestClient(host.url, token);
  });

  afterAll(() => disposeAll(host, ana, phone));

  it('keeps them from emoticon events, drops a deleted one with its image, and lists them offline', async () => {
    const party = await makeEmoticon('party', '#ffaa00');
    const wave = await makeEmoticon('wave', '#0088ff');
    await waitUntil(() => ana.core.emoticons.cached().length === 2, 'emoticon.created fills the cache');
    const waveFile = (await ana.core.media.download(wave.mediaId)).localPath!;
    const partyFile = (await ana.core.media.download(party.mediaId)).localPath!;

    await phone.trpc.emoticons.delete.mutate({ emoticonId: wave.id });
    await waitUntil(() => ana.core.emoticons.cached().length === 1, 'emoticon.deleted empties its place');
    await waitUntil(() => !existsSync(waveFile), 'the deleted emoticon’s image is removed');

    await host.stop();
    await waitForState(ana.core, 'offline');
    expect(await ana.core.page['emoticons.list']({})).toEqual([party]);
    expect(existsSync(partyFile)).toBe(true);
    expect(ana.core.media.info(party.mediaId)?.localPath).toBe(partyFile);
  });

  it('after being away, catches up on one made and one deleted on another device', async () => {
    await host.start();
    const [party] = ana.core.emoticons.cached();
    // Another device changes the set while this one is not connected.
    await ana.core.sync.stop();
    await phone.trpc.emoticons.delete.mutate({ emoticonId: party!.id });
    const uploaded = await upload(host.url, token(), new Uint8Array(await pngImage(64, 64, '#22cc66')), { contentType: 'image/png', kind: 'image' });
    const cool = await phone.trpc.emoticons.create.mutate({ shortcut: 'cool', mediaId: uploaded.body.mediaId as string });
    ana.core.sync.start();
    await waitUntil(() => ana.core.emoticons.cached().map((e) => e.id).join() === cool.id, 'the cache has the server’s set');
    expect(await ana.core.page['emoticons.list']({})).toEqual([cool]);
  });
});
