import { MessageSquarePlus, Search, Settings } from 'lucide-react';
import { useMessengerState } from '../../app/use-messenger-state';
import { Avatar } from '../../ui/Avatar';
import { ConnectionBanner } from '../../ui/ConnectionBanner';
import { CallHistoryButton } from '../calls/CallHistoryButton';
import { ChatList } from './ChatList';
import { ChatListMenu } from './ChatListMenu';
import { PendingInvitations } from '../groups/PendingInvitations';
import { NotificationBell } from '../notification-centre/NotificationBell';
import { StatusRow } from '../stories/StatusRow';
import { PushPrompt } from '../push/PushPrompt';

interface ChatListPanelProps {
  onNewChat(): void;
  onProfile(): void;
  onSettings(): void;
  onSearch(): void;
  onStarred(): void;
  onContacts(): void;
}

export function ChatListPanel({ onNewChat, onProfile, onSettings, onSearch, onStarred, onContacts }: ChatListPanelProps) {
  const me = useMessengerState((s) => s.me);
  const connection = useMessengerState((s) => s.connection);
  return (
    <aside className="sidebar" aria-label="Chats">
      <header className="sidebar__header">
        {me && (
          <button type="button" className="sidebar__me" onClick={onProfile} aria-label="Your profile" title="Your profile">
            <Avatar id={me.id} name={me.name || me.phone || ''} mediaId={me.avatarMediaId} size="sm" />
          </button>
        )}
        <h1 className="sidebar__title">Chats</h1>
        <div className="sidebar__actions">
          <button type="button" className="icon-button" onClick={onNewChat} aria-label="New chat" title="New chat">
            <MessageSquarePlus aria-hidden="true" />
          </button>
          <NotificationBell />
          <CallHistoryButton />
          <button type="button" className="icon-button" onClick={onSettings} aria-label="Settings" title="Settings">
            <Settings aria-hidden="true" />
          </button>
          <ChatListMenu onContacts={onContacts} onStarred={onStarred} />
        </div>
      </header>
      <div className="sidebar__search">
        <button type="button" className="search-trigger" onClick={onSearch} aria-keyshortcuts="Control+K">
          <Search aria-hidden="true" />
          <span>Search messages</span>
          <kbd className="kbd">Ctrl K</kbd>
        </button>
      </div>
      <ConnectionBanner state={connection} />
      <PushPrompt />
      <PendingInvitations />
      <StatusRow />
      <ChatList onNewChat={onNewChat} />
    </aside>
  );
}
