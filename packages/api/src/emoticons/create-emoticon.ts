import { Readable } from 'node:stream';
import { z } from 'zod';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { MEDIA_QUOTA_BYTES } from '../media/limits.js';
import { insertMediaIn, loadOwnMedia, QuotaExceededError } from '../media/media.repo.js';
import { EmoticonRejected } from '../ports/emoticon-encoder.js';
import type { AuthedContext } from '../trpc.js';
import { toEmoticonView } from './emoticon-view.js';
import { shortcutInput } from './shortcut.js';

export const MAX_EMOTICONS_PER_USER = 200;
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
  if (!deps.emoticons) throw fail.badRequest('Custom emoticons are not available on this server');
  const taken = await deps.db.selectFrom('emoticons').select('id').where('ownerId', '=', me).where('shortcut', '=', input.shortcut).executeTakeFirst();
  if (taken) throw fail.conflict(`You already have :${input.shortcut}:`);

  const encoder = deps.emoticons;
  const encoded = await deps.media.withLocalFile(upload.sha256, (path) => encoder.encode(path)).catch((error: unknown) => {
    throw error instanceof EmoticonRejected ? fail.badRequest(error.message) : error;
  });
  const blob = await deps.media.put(Readable.from([encoded.bytes]), ENCODED_MAX_BYTES);
  const now = deps.clock.now();
  try {
    return await transact(deps, async (trx, emit) => {
      const count = await trx.selectFrom('emoticons').select((eb) => eb.fn.countAll<string>().as('n')).where('ownerId', '=', me).executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_EMOTICONS_PER_USER) throw fail.badRequest(`You can have up to ${MAX_EMOTICONS_PER_USER} emoticons; delete one first`);
      const media = await insertMediaIn(trx, { ownerId: me, sha256: blob.sha256, size: blob.size, mime: encoded.mime, kind: 'image', fileName: `${input.shortcut}.webp`, width: encoded.width, height: encoded.height, thumbSha256: null, thumbMime: null, now }, MEDIA_QUOTA_BYTES);
      const row = await trx
        .insertInto('emoticons')
        .values({ id: newId(), ownerId: me, shortcut: input.shortcut, mediaId: media.id, animated: encoded.animated, createdAt: now })
        .onConflict((oc) => oc.columns(['ownerId', 'shortcut']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw fail.conflict(`You already have :${input.shortcut}:`);
      const emoticon = toEmoticonView(row);
      emit([me], { type: 'emoticon.created', emoticon });
      return emoticon;
    });
  } catch (error) {
    if (error instanceof QuotaExceededError) throw fail.payloadTooLarge('Your storage is full');
    throw error;
  }
}
