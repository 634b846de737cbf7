/** The custom emoticon a reaction draws: enough for every member to fetch and name the picture. */
export interface ReactionEmoticon {
  emoticonId: string;
  shortcut: string;
  mediaId: string;
  animated: boolean;
}

/**
 * One member's reaction. `emoji` is the emoji, or `:shortcut:` for a custom emoticon — the text
 * that shows once its owner deletes it, when `emoticon` goes (as inline emoticons fall back).
 */
export interface ReactionView {
  userId: string;
  emoji: string;
  emoticon?: ReactionEmoticon;
}

export function toReactionView(row: { userId: string; emoji: string; emoticonId: string | null; shortcut: string | null; mediaId: string | null; animated: boolean | null }): ReactionView {
  if (row.emoticonId === null || row.shortcut === null || row.mediaId === null) return { userId: row.userId, emoji: row.emoji };
  return { userId: row.userId, emoji: row.emoji, emoticon: { emoticonId: row.emoticonId, shortcut: row.shortcut, mediaId: row.mediaId, animated: row.animated === true } };
}
