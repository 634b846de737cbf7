import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { Spinner } from '../../ui/Spinner';
import { ChatListItem } from './ChatListItem';
import { sortedChats } from './state';

/** The chats, newest activity first. Up/Down move between them, Enter opens. */
export function ChatList({ onNewChat }: { onNewChat(): void }) {
  const messenger = useMessenger();
  const chats = useMessengerState((s) => s.chats);
  const loaded = useMessengerState((s) => s.chatsLoaded);
  const error = useMessengerState((s) => s.chatsError);
  const activeChatId = useMessengerState((s) => s.activeChatId);
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const list = useMemo(() => sortedChats(chats), [chats]);
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
  if (list.length === 0) {
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
    <nav className="chat-list" aria-label="Chat list">
      <ul ref={listRef} className="chat-list__items" onKeyDown={onKeyDown}>
        {list.map((chat) => (
          <li key={chat.id}>
            <ChatListItem chat={chat} meId={meId} active={chat.id === activeChatId} onOpen={() => messenger.openChat(chat.id)} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
