import { Archive, ArrowLeft } from 'lucide-react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { Spinner } from '../../ui/Spinner';
import { ChatListItem } from './ChatListItem';
import { ChatItemMenu } from './ChatItemMenu';
import { archivedChats, sortedChats } from './state';

/**
 * The chats: pinned first, then newest activity; archived ones in their own folder, reached from
 * the row on top (as in WhatsApp). Up/Down move between them, Enter opens, the ⋯ button (or the
 * context menu key) pins or archives one.
 */
export function ChatList({ onNewChat }: { onNewChat(): void }) {
  const messenger = useMessenger();
  const chats = useMessengerState((s) => s.chats);
  const loaded = useMessengerState((s) => s.chatsLoaded);
  const error = useMessengerState((s) => s.chatsError);
  const activeChatId = useMessengerState((s) => s.activeChatId);
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const [showArchived, setShowArchived] = useState(false);
  const main = useMemo(() => sortedChats(chats), [chats]);
  const archived = useMemo(() => archivedChats(chats), [chats]);
  const list = showArchived ? archived : main;
  const listRef = useRef<HTMLUListElement>(null);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('.chat-item') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }

  if (!loaded) {
    return (
      <div className="chat-list chat-list--state">
        <Spinner label="Loading chats" />
      </div>
    );
  }
  if (error && list.length === 0) {
    return (
      <div className="chat-list chat-list--state">
        <p className="muted">{error}</p>
        <button type="button" className="button" onClick={() => void messenger.loadChats()}>
          Try again
        </button>
      </div>
    );
  }
  if (main.length === 0 && archived.length === 0) {
    return (
      <div className="chat-list chat-list--state">
        <p className="muted">No chats yet.</p>
        <button type="button" className="button button--primary" onClick={onNewChat}>
          Start a chat
        </button>
      </div>
    );
  }
  return (
    <nav className="chat-list" aria-label={showArchived ? 'Archived chats' : 'Chat list'}>
      {showArchived ? (
        <button type="button" className="chat-list__folder" onClick={() => setShowArchived(false)}>
          <ArrowLeft aria-hidden="true" />
          <span>Archived</span>
        </button>
      ) : (
        archived.length > 0 && (
          <button type="button" className="chat-list__folder" onClick={() => setShowArchived(true)}>
            <Archive aria-hidden="true" />
            <span>Archived</span>
            <span className="chat-list__folder-count">{archived.length}</span>
          </button>
        )
      )}
      {showArchived && archived.length === 0 && <p className="muted chat-list__empty">No archived chats.</p>}
      <ul ref={listRef} className="chat-list__items" onKeyDown={onKeyDown}>
        {list.map((chat) => (
          <li key={chat.id} className="chat-list__row">
            <ChatListItem chat={chat} meId={meId} active={chat.id === activeChatId} onOpen={() => messenger.openChat(chat.id)} />
            <ChatItemMenu chat={chat} archived={showArchived} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
