import { Star } from 'lucide-react';
import { useState } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { formatListTime } from '../../lib/format';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { Spinner } from '../../ui/Spinner';
import { previewText } from '../chats/preview-text';
import { errorText } from '../../../../shared/errors';
import { useStarredItems } from './use-starred';

/** Starred messages from every chat, newest star first; choosing one opens it in its chat. */
export function StarredDialog({ onClose }: { onClose(): void }) {
  const messenger = useMessenger();
  const data = useStarredItems();
  const chats = useMessengerState((s) => s.chats);
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);

  return (
    <Dialog title="Starred messages" onClose={onClose} size="md">
      <FormError message={error} />
      {!data.loaded && <Spinner label="Loading starred messages" />}
      {data.loaded && data.items.length === 0 && (
        <p className="starred__empty">
          <Star aria-hidden="true" />
          No starred messages yet. Star a message from its menu to find it here later.
        </p>
      )}
      <ul className="starred__list" aria-label="Starred messages">
        {data.items.map(({ message }) => {
          const chat = chats[message.chatId];
          const title = chat?.title ?? 'Chat';
          return (
            <li key={message.id} className="starred__item">
              <button
                type="button"
                className="search-result"
                data-message-id={message.id}
                onClick={() => {
                  onClose();
                  void messenger.jumpTo(message.chatId, message.id, message.seq);
                }}
              >
                <Avatar id={chat?.peer?.id ?? message.chatId} name={title} mediaId={chat?.avatarMediaId ?? null} size="sm" group={chat?.kind === 'group'} />
                <span className="search-result__body">
                  <span className="search-result__top">
                    <span className="search-result__title">{title}</span>
                    <time className="search-result__time" dateTime={message.createdAt}>
                      {formatListTime(message.createdAt)}
                    </time>
                  </span>
                  <span className="search-result__snippet">{previewText(message, meId)}</span>
                </span>
              </button>
              <button
                type="button"
                className="icon-button icon-button--sm"
                aria-label={`Unstar message in ${title}`}
                title="Unstar"
                onClick={() => void data.setStarred(message, false).catch((e: unknown) => setError(errorText(e)))}
              >
                <Star aria-hidden="true" className="starred__star" />
              </button>
            </li>
          );
        })}
      </ul>
      {data.nextCursor !== null && (
        <button
          type="button"
          className="button button--ghost"
          disabled={more}
          onClick={() => {
            setMore(true);
            void data
              .loadMore()
              .catch((e: unknown) => setError(errorText(e)))
              .finally(() => setMore(false));
          }}
        >
          {more ? 'Loading…' : 'Show more'}
        </button>
      )}
    </Dialog>
  );
}
