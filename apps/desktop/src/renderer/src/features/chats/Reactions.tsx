import type { MessageView } from '../../lib/backend';
import { isJoinable, reactionKey, type ReactionView } from '../../../../shared/reactions';
import { EmoticonImage } from '../emoticons/EmoticonImage';

interface ReactionsProps {
  message: MessageView;
  meId: string;
  peerName: string;
  /** A chip was pressed: `reaction` is one of its reactions (mine if I am among them). */
  onToggle(reaction: ReactionView): void;
}

/**
 * One chip per emoji (or custom emoticon, drawn as its picture) with its count; mine is
 * pressed, and pressing it again takes it back. Someone else's emoticon (or its text, once
 * deleted) is theirs alone to react with, so its chip only shows.
 */
export function Reactions({ message, meId, peerName, onToggle }: ReactionsProps) {
  const groups = new Map<string, ReactionView[]>();
  for (const r of message.reactions) groups.set(reactionKey(r), [...(groups.get(reactionKey(r)) ?? []), r]);
  if (groups.size === 0) return null;
  return (
    <div className="reactions" aria-label="Reactions">
      {[...groups].map(([key, reactions]) => {
        const users = reactions.map((r) => r.userId);
        const mine = users.includes(meId);
        const who = users.map((u) => (u === meId ? 'You' : peerName)).join(', ');
        const shown = reactions.find((r) => r.userId === meId) ?? reactions[0]!;
        const { emoji, emoticon } = shown;
        const face = emoticon ? <EmoticonImage shortcut={emoticon.shortcut} mediaId={emoticon.mediaId} className="emoticon reaction__emoticon" decorative /> : emoji;
        const label = `${emoji} ${users.length}: ${who}`;
        const count = users.length > 1 && (
          <span className="reaction__count" aria-hidden="true">
            {users.length}
          </span>
        );
        if (!mine && !isJoinable(shown))
          return (
            <span key={key} className="reaction reaction--static" role="img" aria-label={label} title={`${emoji} · ${who}`}>
              {face}
              {count}
            </span>
          );
        return (
          <button
            key={key}
            type="button"
            className={`reaction${mine ? ' is-mine' : ''}`}
            aria-pressed={mine}
            aria-label={`${label}${mine ? '. Press to remove yours' : ''}`}
            title={emoticon ? `${emoji} · ${who}` : who}
            onClick={() => onToggle(shown)}
          >
            <span className="reaction__emoji" aria-hidden="true">
              {face}
            </span>
            {count}
          </button>
        );
      })}
    </div>
  );
}
