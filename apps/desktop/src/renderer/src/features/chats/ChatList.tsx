import { Archive, ArrowLeft, MessageCircleQuestion } from 'lucide-react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { Spinner } from '../../ui/Spinner';
import { ChatListItem } from './ChatListItem';
import { ChatItemMenu } from './ChatItemMenu';
import { ChatFilterChips } from './ChatFilterChips';
import { filterChats, labelsInUse, type ChatFilter } from './chat-filters';
import { archivedChats, messageRequestChats, sortedChats } from './state';
import { useTagsByUser } from '../labels/use-labels';

type Folder = 'main' | 'archived' | 'requests';

/**
 * The chats: pinned first, then newest activity; archived ones in their own folder, and first
 * messages from strangers under "Message requests", each reached from a row on top (as in
 * WhatsApp and Signal). Chips above filter the main list: unread, groups, or one of my labels.
 * Up/Down move between chats, Enter opens, the ⋯ button (or the context menu key) pins,
 * archives or labels one.
 */
export function ChatList({ onNewChat }: { onNewChat(): void }) {
  const messenger = useMessenger();
  const chats = useMessengerState((s) => s.chats);
  const loaded = useMessengerState((s) => s.chatsLoaded);
  const error = useMessengerState((s) => s.chatsError);
  const activeChatId = useMessengerState((s) => s.activeChatId);
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const [folder, setFolder] = useState<Folder>('main');
  const [chosen, setChosen] = useState<ChatFilter>({ kind: 'all' });
  const tags = useTagsByUser();
  const main = useMemo(() => sortedChats(chats), [chats]);
  const archived = useMemo(() => archivedChats(chats), [chats]);
  const requests = useMemo(() => messageRequestChats(chats), [chats]);
  const labels = useMemo(() => labelsInUse(main, tags), [main, tags]);
  // A label no chat has any more stops filtering.
  const filter = chosen.kind === 'label' && !labels.some((l) => l.toLocaleLowerCase() === chosen.label.toLocaleLowerCase()) ? { kind: 'all' as const } : chosen;
  const filtered = useMemo(() => filterChats(main, filter, tags, activeChatId), [main, filter, tags, activeChatId]);
  const list = folder === 'archived' ? archived : folder === 'requests' ? requests : filtered;
  const showArchived = folder === 'archived';
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
  if (main.length === 0 && archived.length === 0 && requests.length === 0) {
    return (
      <div className="chat-list chat-list--state">
        <p className="muted">No chats yet.</p>
        <button type="button" className="button button--primary" onClick={onNewChat}>
          Start a chat
        </button>
      </div>
    );
  }
  const label = folder === 'archived' ? 'Archived chats' : folder === 'requests' ? 'Message requests' : 'Chat list';
  return (
    <nav className="chat-list" aria-label={label}>
      {folder === 'main' && main.length > 0 && <ChatFilterChips labels={labels} value={filter} onChange={setChosen} />}
      {folder !== 'main' ? (
        <button type="button" className="chat-list__folder" onClick={() => setFolder('main')}>
          <ArrowLeft aria-hidden="true" />
          <span>{folder === 'archived' ? 'Archived' : 'Message requests'}</span>
        </button>
      ) : (
        <>
          {requests.length > 0 && (
            <button type="button" className="chat-list__folder" onClick={() => setFolder('requests')}>
              <MessageCircleQuestion aria-hidden="true" />
              <span>Message requests</span>
              <span className="chat-list__folder-count">{requests.length}</span>
            </button>
          )}
          {archived.length > 0 && (
            <button type="button" className="chat-list__folder" onClick={() => setFolder('archived')}>
              <Archive aria-hidden="true" />
              <span>Archived</span>
              <span className="chat-list__folder-count">{archived.length}</span>
            </button>
          )}
        </>
      )}
      {folder === 'archived' && archived.length === 0 && <p className="muted chat-list__empty">No archived chats.</p>}
      {folder === 'requests' && requests.length === 0 && <p className="muted chat-list__empty">No message requests.</p>}
      {folder === 'requests' && requests.length > 0 && <p className="muted chat-list__hint">People not in your contacts. They do not know you have seen their messages until you accept.</p>}
      {folder === 'main' && filtered.length === 0 && main.length > 0 && <p className="muted chat-list__empty">{emptyText(filter)}</p>}
      <ul ref={listRef} className="chat-list__items" onKeyDown={onKeyDown}>
        {list.map((chat) => (
          <li key={chat.id} className="chat-list__row">
            <ChatListItem chat={chat} meId={meId} active={chat.id === activeChatId} onOpen={() => messenger.openChat(chat.id)} />
            {folder !== 'requests' && <ChatItemMenu chat={chat} archived={showArchived} />}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function emptyText(filter: ChatFilter): string {
  switch (filter.kind) {
    case 'unread':
      return 'No unread chats.';
    case 'groups':
      return 'No group chats.';
    case 'label':
      return `No chats labelled ${filter.label}.`;
    default:
      return 'No chats.';
  }
}
