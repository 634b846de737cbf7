import type { ReactionEmoticon, ReactionView } from '@confab/api';

export type { ReactionEmoticon, ReactionView };

/**
 * A message's reactions after `userId` reacted (`emoji` null: took theirs back), as a `reaction`
 * event says. Shared by the desktop cache and the page, which apply the same event to their copies.
 */
export function withReaction(reactions: readonly ReactionView[], userId: string, emoji: string | null, emoticon?: ReactionEmoticon): ReactionView[] {
  const others = reactions.filter((r) => r.userId !== userId);
  if (emoji === null) return others;
  return [...others, emoticon ? { userId, emoji, emoticon } : { userId, emoji }];
}

/** emoticon.deleted: reactions with it keep their `:shortcut:` text, as the server's do. */
export function withoutReactionEmoticon(reactions: readonly ReactionView[], emoticonId: string): ReactionView[] {
  return reactions.map((r) => (r.emoticon?.emoticonId === emoticonId ? { userId: r.userId, emoji: r.emoji } : r));
}

export function reactsWithEmoticon(reactions: readonly ReactionView[], emoticonId: string): boolean {
  return reactions.some((r) => r.emoticon?.emoticonId === emoticonId);
}

/** What groups reactions into one chip: the emoji, or the emoticon (two people's :party: differ). */
export function reactionKey(reaction: ReactionView): string {
  return reaction.emoticon ? `emoticon:${reaction.emoticon.emoticonId}` : reaction.emoji;
}

/**
 * Whether others may add the same reaction by pressing its chip: an emoji, yes; a custom
 * emoticon is its owner's alone, and so is its `:shortcut:` text once deleted.
 */
export function isJoinable(reaction: ReactionView): boolean {
  return !reaction.emoticon && !/^:.+:$/.test(reaction.emoji);
}
