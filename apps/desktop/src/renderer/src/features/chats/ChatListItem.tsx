import { BellOff } from 'lucide-react';
import { memo } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView } from '../../lib/backend';
import { formatListTime } from '../../lib/format';
import { Avatar } from '../../ui/Avatar';
import { useLastSenderName } from '../groups/use-last-sender';
import { previewText } from './preview-text';

interface ChatListItemProps {
  chat: ChatView;
  meId: string;
  active: boolean;
  onOpen(): void;
}

export const ChatListItem = memo(function ChatListItem({ chat, meId, active, onOpen }: ChatListItemProps) {
  const last = chat.lastMessage;
  const unread = chat.unreadCount;
  const sender = useLastSenderName(chat, meId);
  const me = useMessengerState((s) => s.me);
  const muted = chat.mutedUntil !== null && new Date(chat.mutedUntil) > new Date();
  return (
    <button
      type="button"
      className={`chat-item${active ? ' is-active' : ''}${unread ? ' has-unread' : ''}`}
      onClick={onOpen}
      aria-current={active ? 'true' : undefined}
      data-chat-id={chat.id}
    >
      <Avatar id={chat.peer?.id ?? chat.id} name={chat.title} mediaId={chat.avatarMediaId} group={chat.kind === 'group'} />
      <span className="chat-item__body">
        <span className="chat-item__top">
          <span className="chat-item__title">{chat.title}</span>
          {last && (
            <time className="chat-item__time" dateTime={last.createdAt}>
              {formatListTime(last.createdAt)}
            </time>
          )}
        </span>
        <span className="chat-item__bottom">
          <span className={`chat-item__preview${last?.deletedAt ? ' is-deleted' : ''}`}>
            {last ? previewText(last, meId, sender, me) : <span className="muted">No messages yet</span>}
          </span>
          {muted && (
            <span className="chat-item__muted" role="img" aria-label="Muted" title="Muted">
              <BellOff aria-hidden="true" />
            </span>
          )}
          {unread > 0 && (
            <span className={`badge${muted ? ' badge--muted' : ''}`} aria-label={`${unread} unread ${unread === 1 ? 'message' : 'messages'}`}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </span>
      </span>
    </button>
  );
});
