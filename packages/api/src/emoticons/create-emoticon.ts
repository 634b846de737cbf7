import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { lockUser } from '../lib/locks.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { lockBlobs } from '../media/blob-lock.js';
import { MEDIA_QUOTA_BYTES } from '../media/limits.js';
import { blobInUse, insertMediaIn, loadOwnMedia, QuotaExceededError } from '../media/media.repo.js';
import { EmoticonRejected } from '../ports/emoticon-encoder.js';
import type { AuthedContext } from '../trpc.js';
import { toEmoticonView, type EmoticonView } from './emoticon-view.js';
import { SHORTCUT_MAX, shortcutInput } from './shortcut.js';

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

/** Bytes already in the store that an emoticon's image row will point at. */
export interface EmoticonImage {
  sha256: string;
  size: number;
  mime: string;
  width: number | null;
  height: number | null;
  animated: boolean;
}

export interface NewEmoticon {
  ownerId: string;
  image: EmoticonImage;
  /** The shortcut asked for (taken → CONFLICT), or the one to start from when picking a free one. */
  shortcut: { exactly: string } | { near: string };
  /** The bytes were stored by someone else, who may be deleting theirs meanwhile: refuse once nobody holds them. */
  shared?: boolean;
}

/**
 * Records an emoticon of `ownerId` on bytes already stored, as a new image row of theirs (so
 * their quota counts it and it lives as long as their emoticon, whoever else had the bytes),
 * with its `emoticon.created` in the same transaction. Under the owner's row lock the 200 limit
 * and the free shortcut hold even when two arrive at once; under the digest's lock the bytes
 * cannot be collected while the row that keeps them is inserted (media/blob-lock.ts).
 */
export async function storeEmoticon(deps: Deps, input: NewEmoticon): Promise<EmoticonView> {
  const { ownerId, image } = input;
  const now = deps.clock.now();
  try {
    return await transact(deps, async (trx, emit) => {
      await lockBlobs(trx, [image.sha256]);
      if (input.shared && !(await blobInUse(trx, image.sha256))) throw fail.notFound('Sticker');
      if (!(await lockUser(trx, ownerId))) throw fail.notFound('User');
      const mine = await trx.selectFrom('emoticons').select('shortcut').where('ownerId', '=', ownerId).execute();
      if (mine.length >= MAX_EMOTICONS_PER_USER) {
        throw fail.badRequest(`You already have ${MAX_EMOTICONS_PER_USER} stickers and emoticons, the most you can keep; delete one to add another`);
      }
      const taken = new Set(mine.map((e) => e.shortcut));
      const shortcut = 'exactly' in input.shortcut ? input.shortcut.exactly : freeShortcut(input.shortcut.near, taken);
      if (taken.has(shortcut)) throw fail.conflict(`You already have :${shortcut}:`);
      const media = await insertMediaIn(
        trx,
        { ownerId, sha256: image.sha256, size: image.size, mime: image.mime, kind: 'image', fileName: `${shortcut}.webp`, width: image.width, height: image.height, thumbSha256: null, thumbMime: null, now },
        MEDIA_QUOTA_BYTES,
      );
      const row = await trx
        .insertInto('emoticons')
        .values({ id: newId(), ownerId, shortcut, mediaId: media.id, animated: image.animated, createdAt: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      const emoticon = toEmoticonView(row);
      emit([ownerId], { type: 'emoticon.created', emoticon });
      return emoticon;
    });
  } catch (error) {
    if (error instanceof QuotaExceededError) throw fail.payloadTooLarge('Your storage is full');
    throw error;
  }
}

/** `party`, else `party-2`, `party-3`…: one of the first 201 is free while someone has at most 200. */
export function freeShortcut(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${[...base].slice(0, SHORTCUT_MAX - suffix.length).join('')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
