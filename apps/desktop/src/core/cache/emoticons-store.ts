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

/** `emoticons.list`: the whole set; ones it no longer has (deleted on another device while away) go. */
export function storeEmoticons(ctx: WriteContext, emoticons: readonly EmoticonView[]): void {
  const listed = new Set(emoticons.map((e) => e.id));
  for (const cached of ctx.cache.emoticons.all()) if (!listed.has(cached.id)) removeEmoticon(ctx, cached.id);
  for (const emoticon of emoticons) storeEmoticon(ctx, emoticon);
}
