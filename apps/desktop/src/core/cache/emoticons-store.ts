import type { SyncEvent } from '@confab/api';
import { withoutEmoticon } from '../../shared/emoticon-meta.js';
import { withoutReactionEmoticon, type ReactionView } from '../../shared/reactions.js';
import { sortReactions } from './message-row.js';
import type { WriteContext } from './change-set.js';
import type { EmoticonView } from './server-views.js';
import { forgetMedia } from './store.js';

/** emoticon.created, or one the server listed. */
export function storeEmoticon(ctx: WriteContext, emoticon: EmoticonView): void {
  ctx.cache.emoticons.upsert(emoticon);
}

/**
 * A deleted emoticon leaves the picker, with its downloaded image — unless a cached sticker
 * message was sent with that image: a sticker stays viewable to its chat after the emoticon goes.
 */
export function removeEmoticon(ctx: WriteContext, emoticonId: string): void {
  const mediaId = ctx.cache.emoticons.remove(emoticonId);
  const media = mediaId ? ctx.cache.media.get(mediaId) : null;
  if (mediaId && media?.messageId === '') forgetMedia(ctx, mediaId);
}

/**
 * emoticon.deleted, mine or one used in my chats: it leaves my picker if it was mine, and every
 * cached message carrying it (inline or as a reaction) shows its `:shortcut:` text from now on, as the server's copies do
 * (a saved copy of the same picture is another emoticon and stays).
 */
export function emoticonDeleted(ctx: WriteContext, event: Extract<SyncEvent, { type: 'emoticon.deleted' }>): void {
  removeEmoticon(ctx, event.emoticonId);
  for (const row of ctx.cache.messages.carryingEmoticon(event.shortcut, event.emoticonId)) {
    const chat = ctx.cache.chats.get(row.chat_id);
    if (!chat) continue;
    const meta = withoutEmoticon(JSON.parse(row.meta!) as Record<string, unknown>, event.shortcut);
    ctx.cache.messages.replace(row, { ...row, meta: meta === null ? null : JSON.stringify(meta) }, chat.no);
  }
  for (const row of ctx.cache.messages.reactingWithEmoticon(event.emoticonId)) {
    const chat = ctx.cache.chats.get(row.chat_id);
    if (!chat) continue;
    const reactions = withoutReactionEmoticon(JSON.parse(row.reactions) as ReactionView[], event.emoticonId);
    ctx.cache.messages.replace(row, { ...row, reactions: JSON.stringify(sortReactions(reactions)) }, chat.no);
  }
}

/** `emoticons.list`: the whole set; ones it no longer has (deleted on another device while away) go. */
export function storeEmoticons(ctx: WriteContext, emoticons: readonly EmoticonView[]): void {
  const listed = new Set(emoticons.map((e) => e.id));
  for (const cached of ctx.cache.emoticons.all()) if (!listed.has(cached.id)) removeEmoticon(ctx, cached.id);
  for (const emoticon of emoticons) storeEmoticon(ctx, emoticon);
}
