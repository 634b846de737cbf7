import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import type { MessageContent } from '../messages/kinds/content.js';
import { emoticonsByShortcut } from './emoticons.repo.js';
import { shortcutsIn } from './shortcut.js';

/** What a message carries for each of its sender's emoticons it uses, so every member draws them. */
export interface MessageEmoticon {
  emoticonId: string;
  mediaId: string;
  animated: boolean;
}

/**
 * Adds `meta.emoticons` ({shortcut → emoticon}) for the sender's emoticons the text uses. The
 * text keeps `:party:` as typed: a client draws the image while the emoticon exists and shows
 * the text once it is deleted (its image is then no longer served).
 */
export async function withEmoticons(db: Kysely<Database>, senderId: string, content: MessageContent): Promise<MessageContent> {
  const used = await emoticonsByShortcut(db, senderId, shortcutsIn(content.text));
  if (used.length === 0) return content;
  const emoticons = Object.fromEntries(used.map((e) => [e.shortcut, { emoticonId: e.id, mediaId: e.mediaId, animated: e.animated } satisfies MessageEmoticon]));
  return { ...content, meta: { ...content.meta, emoticons } };
}
