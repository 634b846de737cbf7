import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { loadOwnMedia } from '../media/media.repo.js';
import { EmoticonRejected } from '../ports/emoticon-encoder.js';
import type { AuthedContext } from '../trpc.js';
import { shortcutInput } from './shortcut.js';
import { storeEmoticon, type EmoticonImage } from './store-emoticon.js';

const ENCODED_MAX_BYTES = 1024 * 1024;

export const createEmoticonInput = z.object({ shortcut: shortcutInput, mediaId: id }).strict();

/**
 * Makes one of my uploads (an image) into `:shortcut:`. The server re-encodes it (sharp: at most
 * 128 px, WebP, animations kept within a size limit) and keeps only its own bytes, as a new
 * media row of mine that every signed-in user may fetch while the emoticon exists.
 */
export async function createEmoticon(ctx: AuthedContext, input: z.infer<typeof createEmoticonInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const upload = await loadOwnMedia(deps.db, input.mediaId, me);
  if (upload.kind !== 'image') throw fail.badRequest('An emoticon is made from an image');
  const taken = await deps.db.selectFrom('emoticons').select('id').where('ownerId', '=', me).where('shortcut', '=', input.shortcut).executeTakeFirst();
  if (taken) throw fail.conflict(`You already have :${input.shortcut}:`);
  const image = await encodeEmoticon(deps, upload.sha256);
  return storeEmoticon(deps, { ownerId: me, image, shortcut: { exactly: input.shortcut } });
}

/** The stored image `sha256`, resized and re-encoded into new bytes of the server's own. */
export async function encodeEmoticon(deps: Deps, sha256: string): Promise<EmoticonImage> {
  const encoder = deps.emoticons;
  if (!encoder) throw fail.badRequest('Custom emoticons are not available on this server');
  const encoded = await deps.media.withLocalFile(sha256, (path) => encoder.encode(path)).catch((error: unknown) => {
    throw error instanceof EmoticonRejected ? fail.badRequest(error.message) : error;
  });
  const blob = await deps.media.put(Readable.from([encoded.bytes]), ENCODED_MAX_BYTES);
  return { sha256: blob.sha256, size: blob.size, mime: encoded.mime, width: encoded.width, height: encoded.height, animated: encoded.animated };
}
