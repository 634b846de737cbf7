import type { Database, Media, Message } from '@confab/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { loadVisibleMessage } from '../messages/load-visible-message.js';
import { metaOf } from '../messages/message-view.js';
import type { AuthedContext } from '../trpc.js';
import { encodeEmoticon, MAX_EMOTICONS_PER_USER, storeEmoticon, type EmoticonImage } from './create-emoticon.js';
import type { MessageEmoticon } from './message-emoticons.js';
import { shortcutInput } from './shortcut.js';


export const saveEmoticonInput = z
  .object({
    messageId: id,
    /** Which of the message's custom emoticons (`meta.emoticons[…].emoticonId`); needed only when it carries several. */
    emoticonId: id.optional(),
    /** Mine to type; without it, the original's, or the first free `party-2`, `party-3`…. */
    shortcut: shortcutInput.optional(),
  })
  .strict();

/**
 * "Add to my stickers": a sticker or a custom emoticon in a message I can see becomes an
 * emoticon of mine (a non-member, or a message outside my window, is NOT_FOUND). The copy
 * points at the same stored bytes — nothing is uploaded or encoded again — through an image row
 * of mine, so it stays when the original's owner deletes theirs. A sticker that was never an
 * emoticon (any image sent as a sticker) is encoded first, as `emoticons.create` would.
 */
export async function saveEmoticon(ctx: AuthedContext, input: z.infer<typeof saveEmoticonInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { message } = await loadVisibleMessage(deps.db, input.messageId, me, deps.clock.now());
  if (message.deletedAt || (await hiddenFor(deps.db, message.id, me))) throw fail.notFound('Message');
  // Said before a sticker is encoded for nothing; storeEmoticon checks again under the lock.
  const mine = await deps.db.selectFrom('emoticons').select((eb) => eb.fn.countAll<string>().as('n')).where('ownerId', '=', me).executeTakeFirstOrThrow();
  if (Number(mine.n) >= MAX_EMOTICONS_PER_USER) throw fail.badRequest(`You already have ${MAX_EMOTICONS_PER_USER} stickers and emoticons, the most you can keep; delete one to add another`);
  const source = await sourceOf(deps, message, input.emoticonId);
  const already = await deps.db
    .selectFrom('emoticons as e')
    .innerJoin('media as m', 'm.id', 'e.mediaId')
    .select('e.shortcut')
    .where('e.ownerId', '=', me)
    .where('m.sha256', '=', source.image.sha256)
    .executeTakeFirst();
  if (already) throw fail.conflict(`This is already one of yours: :${already.shortcut}:`);
  return storeEmoticon(deps, {
    ownerId: me,
    image: source.image,
    shortcut: input.shortcut ? { exactly: input.shortcut } : { near: source.shortcut },
    shared: source.shared,
  });
}

interface Source {
  image: EmoticonImage;
  shortcut: string;
  shared: boolean;
}

async function sourceOf(deps: Deps, message: Message, emoticonId: string | undefined): Promise<Source> {
  if (message.kind === 'sticker' && message.mediaId) return stickerSource(deps, message.mediaId);
  const carried = Object.values((metaOf(message)?.emoticons ?? {}) as Record<string, MessageEmoticon>);
  if (carried.length === 0) throw fail.badRequest('This message has no sticker or custom emoticon to save');
  const picked = emoticonId ? carried.find((e) => e.emoticonId === emoticonId) : carried.length === 1 ? carried[0] : undefined;
  if (!picked) throw emoticonId ? fail.notFound('Emoticon') : fail.badRequest('This message has several emoticons: say which one (emoticonId)');
  const row = await deps.db
    .selectFrom('emoticons as e')
    .innerJoin('media as m', 'm.id', 'e.mediaId')
    .select(['e.shortcut', 'e.animated', 'm.sha256', 'm.size', 'm.mime', 'm.width', 'm.height'])
    .where('e.id', '=', picked.emoticonId)
    .executeTakeFirst();
  // Deleted by its owner: the message shows its text now, and there is nothing to save.
  if (!row) throw fail.notFound('Emoticon');
  return { image: imageOf(row, row.animated), shortcut: row.shortcut, shared: true };
}

async function stickerSource(deps: Deps, mediaId: string): Promise<Source> {
  const media = await deps.db.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirst();
  if (!media) throw fail.notFound('Sticker');
  // A sticker sent from an emoticon shares its image row; take its name and its animation flag.
  const emoticon = await deps.db.selectFrom('emoticons').select(['shortcut', 'animated']).where('mediaId', '=', mediaId).executeTakeFirst();
  if (emoticon) return { image: imageOf(media, emoticon.animated), shortcut: emoticon.shortcut, shared: true };
  // Any other image sent as a sticker (or one whose emoticon was deleted): encoded like an upload.
  return { image: await encodeEmoticon(deps, media.sha256), shortcut: shortcutFromName(media.fileName) ?? 'sticker', shared: false };
}

function imageOf(media: Pick<Media, 'sha256' | 'size' | 'mime' | 'width' | 'height'>, animated: boolean): EmoticonImage {
  return { sha256: media.sha256, size: Number(media.size), mime: media.mime, width: media.width, height: media.height, animated };
}

function shortcutFromName(fileName: string | null): string | null {
  const parsed = shortcutInput.safeParse((fileName ?? '').replace(/\.[^.]+$/, ''));
  return parsed.success ? parsed.data : null;
}

async function hiddenFor(db: Kysely<Database>, messageId: string, userId: string): Promise<boolean> {
  return (await db.selectFrom('hiddenMessages').select('messageId').where('messageId', '=', messageId).where('userId', '=', userId).executeTakeFirst()) !== undefined;
}
