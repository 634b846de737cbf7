import { useCallback, useEffect, useState } from 'react';
import { totalUnread } from '../features/chats/state';
import { CallLayer } from '../features/calls/CallLayer';
import { ChatListPanel } from '../features/chats/ChatListPanel';
import { Conversation } from '../features/chats/Conversation';
import { EmptyConversation } from '../features/chats/EmptyConversation';
import { ContactsPanel } from '../features/contacts/ContactsPanel';
import { NewChatPanel } from '../features/contacts/NewChatPanel';
import { SearchPanel } from '../features/search/SearchPanel';
import { ProfileDialog } from '../features/settings/ProfileDialog';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { StarredDialog } from '../features/starred/StarredDialog';
import { useBrowserNotifications } from '../features/notifications/use-browser-notifications';
import { useWebPush } from '../features/push/use-web-push';
import { LiveRegion } from '../ui/LiveRegion';
import { useMessenger } from './context';
import { useMessengerState } from './use-messenger-state';

type OpenDialog = 'profile' | 'settings' | 'starred' | null;
/** What the sidebar shows: the chat list, or a panel in its place. */
type Side = 'chats' | 'contacts' | 'new-chat';

/** Back on the chat list, focus returns to the button that opened the panel. */
const opener: Record<Exclude<Side, 'chats'>, string> = { contacts: '.sidebar__header [data-opens="contacts"]', 'new-chat': '.sidebar__actions [aria-label="New chat"]' };

/**
 * Chat list on the left (or Contacts or New chat in its place), the open conversation on the right, search as a panel beside them.
 * Narrow windows show one of list or conversation at a time (data-view drives the CSS).
 */
export function MainLayout({ onSignedOut }: { onSignedOut(notice?: string): void }) {
  const messenger = useMessenger();
  const activeChatId = useMessengerState((s) => s.activeChatId);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const [side, setSide] = useState<Side>('chats');
  const closeSide = useCallback(() => {
    if (side !== 'chats') {
      const selector = opener[side];
      requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(selector)?.focus());
    }
    setSide('chats');
  }, [side]);
  const newChat = useCallback(() => setSide('new-chat'), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  useUnreadTitle();
  useBrowserNotifications();
  useWebPush();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k' && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        setSearchOpen(true);
        // Already open: move focus back into its field.
        document.getElementById('search-input')?.focus();
        return;
      }
      // Dialogs close themselves on Esc; otherwise Esc closes the search panel.
      if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]') && searchOpen) {
        e.preventDefault();
        setSearchOpen(false);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchOpen]);

  return (
    <CallLayer>
    <div className="layout" data-view={activeChatId ? 'chat' : 'list'} data-search={searchOpen ? 'open' : 'closed'}>
      {side === 'contacts' ? (
        <ContactsPanel onClose={closeSide} />
      ) : side === 'new-chat' ? (
        <NewChatPanel onClose={closeSide} />
      ) : (
        <ChatListPanel
          onNewChat={newChat}
          onProfile={() => setDialog('profile')}
          onSettings={() => setDialog('settings')}
          onStarred={() => setDialog('starred')}
          onContacts={() => setSide('contacts')}
          onSearch={() => setSearchOpen(true)}
        />
      )}
      <main className="main" aria-label="Conversation">
        {activeChatId ? (
          <Conversation key={activeChatId} chatId={activeChatId} onBack={() => messenger.openChat(null)} onSearch={() => setSearchOpen(true)} />
        ) : (
          <EmptyConversation onNewChat={newChat} />
        )}
      </main>
      {searchOpen && <SearchPanel onClose={() => setSearchOpen(false)} />}
      {dialog === 'profile' && <ProfileDialog onClose={closeDialog} />}
      {dialog === 'starred' && <StarredDialog onClose={closeDialog} />}
      {dialog === 'settings' && <SettingsDialog onClose={closeDialog} onSignedOut={onSignedOut} />}
      <LiveRegion />
    </div>
    </CallLayer>
  );
}

/** "(3) Confab": unread messages show in the tab or window title. */
function useUnreadTitle(): void {
  const unread = useMessengerState((s) => totalUnread(s.chats));
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Confab` : 'Confab';
    return () => void (document.title = 'Confab');
  }, [unread]);
}
