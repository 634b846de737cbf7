import type { Database } from '@confab/db';
import { sql, type Kysely, type Transaction } from 'kysely';
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
 * the text once it is deleted (emoticon.deleted; the entry then leaves the message).
 */
export async function withEmoticons(db: Kysely<Database>, senderId: string, content: MessageContent): Promise<MessageContent> {
  const used = await emoticonsByShortcut(db, senderId, shortcutsIn(content.text));
  if (used.length === 0) return content;
  const emoticons = Object.fromEntries(used.map((e) => [e.shortcut, { emoticonId: e.id, mediaId: e.mediaId, animated: e.animated } satisfies MessageEmoticon]));
  return { ...content, meta: { ...content.meta, emoticons } };
}

/**
 * The meta of a message whose text the author changed: the emoticons it carried stay for the
 * `:shortcut:`s still in the text (a forwarded message's are the original sender's), and any
 * new `:shortcut:` of the author's own is added, as on send; the rest leave.
 */
export async function withEditedEmoticons(db: Kysely<Database>, authorId: string, text: string, meta: Record<string, unknown> | null): Promise<Record<string, unknown> | null> {
  const { emoticons: before, ...rest } = meta ?? {};
  const carried = (before ?? {}) as Record<string, MessageEmoticon>;
  const shortcuts = shortcutsIn(text);
  const kept = shortcuts.filter((s) => Object.hasOwn(carried, s)).map((s) => [s, carried[s]!] as const);
  const added = (await emoticonsByShortcut(db, authorId, shortcuts.filter((s) => !Object.hasOwn(carried, s)))).map(
    (e) => [e.shortcut, { emoticonId: e.id, mediaId: e.mediaId, animated: e.animated } satisfies MessageEmoticon] as const,
  );
  const emoticons = Object.fromEntries([...kept, ...added]);
  if (Object.keys(emoticons).length > 0) return { ...rest, emoticons };
  return Object.keys(rest).length > 0 ? rest : null;
}

/**
 * Drops a deleted emoticon from every message that carries it (the partial index on
 * `meta -> 'emoticons'` finds them); returns the chats those messages are in.
 */
export async function forgetEmoticonInMessages(trx: Transaction<Database>, emoticonId: string, shortcut: string): Promise<string[]> {
  const carries = JSON.stringify({ [shortcut]: { emoticonId } });
  const rows = await sql<{ chatId: string }>`
    update messages
    set meta = nullif(case when (meta -> 'emoticons') - ${shortcut}::text = '{}'::jsonb then meta - 'emoticons'
                           else jsonb_set(meta, '{emoticons}', (meta -> 'emoticons') - ${shortcut}::text) end, '{}'::jsonb)
    where meta -> 'emoticons' is not null and meta -> 'emoticons' @> ${carries}::jsonb
    returning chat_id as "chatId"`.execute(trx);
  return [...new Set(rows.rows.map((r) => r.chatId))];
}
