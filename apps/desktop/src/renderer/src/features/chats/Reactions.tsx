import type { MessageView } from '../../lib/backend';

interface ReactionsProps {
  message: MessageView;
  meId: string;
  peerName: string;
  onToggle(emoji: string): void;
}

/** One chip per emoji with its count; mine is pressed, and pressing it again takes it back. */
export function Reactions({ message, meId, peerName, onToggle }: ReactionsProps) {
  const groups = new Map<string, string[]>();
  for (const r of message.reactions) groups.set(r.emoji, [...(groups.get(r.emoji) ?? []), r.userId]);
  if (groups.size === 0) return null;
  return (
    <div className="reactions" aria-label="Reactions">
      {[...groups].map(([emoji, users]) => {
        const mine = users.includes(meId);
        const who = users.map((u) => (u === meId ? 'You' : peerName)).join(', ');
        return (
          <button
            key={emoji}
            type="button"
            className={`reaction${mine ? ' is-mine' : ''}`}
            aria-pressed={mine}
            aria-label={`${emoji} ${users.length}: ${who}${mine ? '. Press to remove yours' : ''}`}
            title={who}
            onClick={() => onToggle(emoji)}
          >
            <span className="reaction__emoji" aria-hidden="true">
              {emoji}
            </span>
            {users.length > 1 && (
              <span className="reaction__count" aria-hidden="true">
                {users.length}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
