import type { MessageView } from '../../lib/backend';
import type { InlineEmoticon } from '../chats/text-parts';
import { shortcutFromFileName } from './shortcut';

const NONE: Readonly<Record<string, InlineEmoticon>> = Object.freeze({});

/**
 * The sender's emoticons a message uses, by shortcut: the server puts them in `meta.emoticons`
 * ({party: {emoticonId, mediaId, animated}}) when the message is sent, so every member draws the
 * same picture. Anything malformed is left out (its `:shortcut:` stays text).
 */
export function messageEmoticons(message: Pick<MessageView, 'meta'>): Readonly<Record<string, InlineEmoticon>> {
  const carried: unknown = message.meta?.emoticons;
  if (!carried || typeof carried !== 'object') return NONE;
  const found: Record<string, InlineEmoticon> = {};
  for (const [shortcut, value] of Object.entries(carried)) {
    const mediaId: unknown = value && typeof value === 'object' ? (value as { mediaId?: unknown }).mediaId : undefined;
    if (typeof mediaId === 'string') found[shortcut] = { shortcut, mediaId };
  }
  return found;
}

/** My own emoticons as a message of mine will carry them (for a message not yet sent). */
export function ownEmoticons(mine: readonly { shortcut: string; mediaId: string }[]): Record<string, InlineEmoticon> {
  return Object.fromEntries(mine.map((e) => [e.shortcut, { shortcut: e.shortcut, mediaId: e.mediaId }]));
}

/** A sticker or custom emoticon in someone's message that "Add to my stickers" can save. */
export interface SavableEmoticon {
  mediaId: string;
  /** The name it had (a sticker's from its file name), to start the new shortcut from. */
  shortcut: string;
  /** Which of a text message's emoticons; a sticker has none. */
  emoticonId?: string;
}

/** What a message offers to "Add to my stickers": the sticker itself, or each custom emoticon its text draws. */
export function savableEmoticons(message: Pick<MessageView, 'kind' | 'mediaId' | 'media' | 'meta' | 'deletedAt'>): SavableEmoticon[] {
  if (message.deletedAt) return [];
  if (message.kind === 'sticker') return message.mediaId ? [{ mediaId: message.mediaId, shortcut: shortcutFromFileName(message.media?.fileName ?? '') || 'sticker' }] : [];
  const carried: unknown = message.meta?.emoticons;
  if (!carried || typeof carried !== 'object') return [];
  return Object.entries(carried).flatMap(([shortcut, value]) => {
    const { mediaId, emoticonId } = (value ?? {}) as { mediaId?: unknown; emoticonId?: unknown };
    return typeof mediaId === 'string' && typeof emoticonId === 'string' ? [{ shortcut, mediaId, emoticonId }] : [];
  });
}
