import { FormError } from '../../ui/FormError';
import { Check, ListChecks } from 'lucide-react';
import { useState } from 'react';
import type { MessageView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import type { GroupMember, PollResults } from '../groups/group-data';
import { memberName, useGroupData, usePollResults } from '../groups/use-group-data';

interface PollMeta {
  pollId: string;
  question: string;
  options: { id: string; text: string }[];
  multipleAnswers: boolean;
}

function readMeta(message: MessageView): PollMeta | null {
  const meta = message.meta as Partial<PollMeta> | null;
  if (!meta || typeof meta.pollId !== 'string' || !Array.isArray(meta.options)) return null;
  return { pollId: meta.pollId, question: meta.question ?? message.text ?? 'Poll', options: meta.options, multipleAnswers: meta.multipleAnswers === true };
}

function cachedResults(message: MessageView): PollResults | undefined {
  const results = message.meta?.results as PollResults | undefined;
  return results && Array.isArray(results.options) && results.pollId === message.meta?.pollId ? results : undefined;
}

/**
 * A poll: each option with a bar of its share of voters, the count, and my choice ticked.
 * Clicking an option votes (or changes the vote); results arrive live as poll.updated.
 */
export function PollBubble({ message, meId, members, peerName }: { message: MessageView; meId: string; members: GroupMember[] | undefined; peerName: string }) {
  const data = useGroupData();
  const meta = readMeta(message);
  // Fetched from the server, else the last results this device saw (the desktop cache keeps them on the message).
  const results = usePollResults(meta?.pollId ?? null) ?? cachedResults(message);
  const [error, setError] = useState<string | null>(null);
  const [showVotes, setShowVotes] = useState(false);
  if (!meta) return <p className="msg__text">{message.text}</p>;

  const mine = new Set(results?.options.filter((o) => o.voterIds.includes(meId)).map((o) => o.id) ?? []);
  const voters = results?.totalVoters ?? 0;

  async function choose(optionId: string) {
    const next = new Set(mine);
    if (next.has(optionId)) next.delete(optionId);
    else {
      if (!meta!.multipleAnswers) next.clear();
      next.add(optionId);
    }
    setError(null);
    try {
      await data.vote(meta!.pollId, [...next]);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const nameOf = (userId: string) => (userId === meId ? 'You' : members ? memberName(members, userId) : peerName);

  return (
    <div className="poll" role="group" aria-label={`Poll: ${meta.question}`}>
      <p className="poll__question" dir="auto">
        <ListChecks aria-hidden="true" /> {meta.question}
      </p>
      <p className="poll__hint">{meta.multipleAnswers ? 'Select one or more' : 'Select one'}</p>
      <ul className="poll__options">
        {meta.options.map((option) => {
          const result = results?.options.find((o) => o.id === option.id);
          const votes = result?.votes ?? 0;
          const percent = voters > 0 ? Math.round((votes / voters) * 100) : 0;
          const chosen = mine.has(option.id);
          return (
            <li key={option.id}>
              <button
                type="button"
                className={`poll__option${chosen ? ' is-chosen' : ''}`}
                role={meta.multipleAnswers ? 'checkbox' : 'radio'}
                aria-checked={chosen}
                aria-label={`${option.text}: ${votes} ${votes === 1 ? 'vote' : 'votes'}, ${percent}%`}
                data-option={option.text}
                disabled={message.deletedAt !== null}
                onClick={() => void choose(option.id)}
              >
                <span className={`poll__check${meta.multipleAnswers ? '' : ' poll__check--round'}`} aria-hidden="true">
                  {chosen && <Check />}
                </span>
                <span className="poll__label" dir="auto">
                  {option.text}
                </span>
                <span className="poll__count" data-testid="poll-count">
                  {votes}
                </span>
                <span className="poll__percent" data-testid="poll-percent">
                  {percent}%
                </span>
                <span className="poll__bar" aria-hidden="true">
                  <span className="poll__fill" style={{ inlineSize: `${percent}%` }} />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="poll__footer">
        <span className="poll__voters" data-testid="poll-voters">
          {voters} {voters === 1 ? 'voter' : 'voters'}
        </span>
        <button type="button" className="button button--ghost button--small" onClick={() => setShowVotes(true)} disabled={!results}>
          View votes
        </button>
      </div>
      <FormError message={error} />
      {showVotes && results && <VotesDialog results={results} nameOf={nameOf} onClose={() => setShowVotes(false)} />}
    </div>
  );
}

function VotesDialog({ results, nameOf, onClose }: { results: PollResults; nameOf(id: string): string; onClose(): void }) {
  return (
    <Dialog title="Poll votes" description={results.question} onClose={onClose}>
      <div className="poll-votes">
        {results.options.map((option) => (
          <section key={option.id} className="poll-votes__option">
            <h3 className="poll-votes__title">
              {option.text} <span className="poll-votes__count">{option.votes === 1 ? '1 vote' : `${option.votes} votes`}</span>
            </h3>
            {option.voterIds.length > 0 ? (
              <ul className="poll-votes__list">
                {option.voterIds.map((id) => (
                  <li key={id}>{nameOf(id)}</li>
                ))}
              </ul>
            ) : (
              <p className="poll-votes__none">No votes</p>
            )}
          </section>
        ))}
      </div>
    </Dialog>
  );
}
