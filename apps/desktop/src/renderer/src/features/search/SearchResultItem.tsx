import type { ChatView } from '../../lib/backend';
import type { SearchHit } from './search-pages';
import { formatListTime } from '../../lib/format';
import { highlightPieces, snippet } from '../../lib/text-match';
import { Avatar } from '../../ui/Avatar';

interface SearchResultItemProps {
  hit: SearchHit;
  chat: ChatView | undefined;
  meId: string;
  terms: string[];
  onOpen(): void;
}

/** A hit: chat, time, and the matching part of the text with the words marked — as text nodes. */
export function SearchResultItem({ hit, chat, meId, terms, onOpen }: SearchResultItemProps) {
  const { message } = hit;
  const title = chat?.title ?? 'Chat';
  const text = snippet(message.text ?? '', terms);
  return (
    <button type="button" className="search-result" onClick={onOpen} data-message-id={message.id}>
      <Avatar id={chat?.peer?.id ?? hit.chatId} name={title} mediaId={chat?.avatarMediaId ?? null} size="sm" group={chat?.kind === 'group'} />
      <span className="search-result__body">
        <span className="search-result__top">
          <span className="search-result__title">{title}</span>
          <time className="search-result__time" dateTime={message.createdAt}>
            {formatListTime(message.createdAt)}
          </time>
        </span>
        <span className="search-result__snippet">
          {message.senderId === meId && <span className="search-result__you">You: </span>}
          {highlightPieces(text, terms).map((piece, i) => (piece.hit ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
        </span>
      </span>
    </button>
  );
}
