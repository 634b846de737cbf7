import { ArrowLeft, Info, Search } from 'lucide-react';
import { useState } from 'react';
import type { ChatView } from '../../lib/backend';
import { Avatar } from '../../ui/Avatar';
import { CallButtons } from '../calls/CallButtons';
import { GroupInfoDialog } from '../groups/GroupInfoDialog';
import { presenceText, usePresence } from '../chat-info/use-presence';
import { useTyping } from './use-typing';

export function ConversationHeader({ chat, onBack, onSearch, onInfo }: { chat: ChatView; onBack(): void; onSearch(): void; onInfo?(): void }) {
  const typing = useTyping(chat.id).length;
  const [groupInfo, setGroupInfo] = useState(false);
  // The phone number, unless it is already the title (someone without a name yet).
  const phone = chat.peer?.phone && chat.peer.phone !== chat.title ? chat.peer.phone : '';
  // "online" / "last seen …" replaces the number and about line when the contact shares it.
  const seen = presenceText(usePresence(chat.kind === 'direct' ? (chat.peer?.id ?? null) : null));
  const subtitle = typing ? null : chat.kind === 'direct' ? (seen ?? [phone, chat.peer?.about].filter(Boolean).join(' · ')) : (chat.description ?? '');
  return (
    <header className="conversation__header">
      <button type="button" className="icon-button conversation__back" onClick={onBack} aria-label="Back to chats">
        <ArrowLeft aria-hidden="true" />
      </button>
      <Avatar id={chat.peer?.id ?? chat.id} name={chat.title} mediaId={chat.avatarMediaId} group={chat.kind === 'group'} />
      <div className="conversation__heading">
        <h2 className="conversation__title">{chat.title}</h2>
        {typing ? (
          <p className="conversation__subtitle conversation__typing" data-testid="typing-indicator">
            {chat.kind === 'direct' ? 'typing' : `${typing} typing`}
            <span className="typing-dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
          </p>
        ) : (
          subtitle && (
            <p className={`conversation__subtitle${seen === 'online' ? ' is-online' : ''}`} data-testid={seen ? 'presence' : undefined}>
              {subtitle}
            </p>
          )
        )}
      </div>
      <CallButtons chat={chat} />
      <button type="button" className="icon-button" onClick={onSearch} aria-label="Search messages" title="Search messages (Ctrl+K)">
        <Search aria-hidden="true" />
      </button>
      {/* Groups have their own info panel (members, roles, link) instead. */}
      {onInfo && chat.kind !== 'group' && (
        <button type="button" className="icon-button" onClick={onInfo} aria-label="Chat info" title="Chat info">
          <Info aria-hidden="true" />
        </button>
      )}
      {chat.kind === 'group' && (
        <button type="button" className="icon-button" onClick={() => setGroupInfo(true)} aria-label="Group info" title="Group info">
          <Info aria-hidden="true" />
        </button>
      )}
      {groupInfo && <GroupInfoDialog chat={chat} onClose={() => setGroupInfo(false)} />}
    </header>
  );
}
