import type { Deps } from '../deps.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { lockUser } from '../lib/locks.js';
import { transact } from '../lib/transact.js';
import { lockBlobs } from '../media/blob-lock.js';
import { MEDIA_QUOTA_BYTES } from '../media/limits.js';
import { blobInUse, insertMediaIn, QuotaExceededError } from '../media/media.repo.js';
import { toEmoticonView, type EmoticonView } from './emoticon-view.js';
import { SHORTCUT_MAX } from './shortcut.js';

export const MAX_EMOTICONS_PER_USER = 200;

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
