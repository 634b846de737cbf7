import { BellOff } from 'lucide-react';
import { memo, useSyncExternalStore } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView } from '../../lib/backend';
import { formatListTime } from '../../lib/format';
import { Avatar } from '../../ui/Avatar';
import { useLastSenderName } from '../groups/use-last-sender';
import { useGroupData } from '../groups/use-group-data';
import { useDraft } from './drafts';
import { previewText } from './preview-text';
import { useTyping } from './use-typing';

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
  const typing = useTyping(chat.id);
  const draft = useDraft(meId, chat.id).trim();
  const typist = useTypistName(chat, typing);
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
          {typing.length > 0 ? (
            <span className="chat-item__preview chat-item__typing" data-testid="chat-list-typing">
              {chat.kind === 'direct' ? 'typing…' : typing.length === 1 && typist ? `${typist} is typing…` : `${typing.length} people are typing…`}
            </span>
          ) : draft && !active ? (
            <span className="chat-item__preview" data-testid="chat-list-draft">
              <span className="chat-item__draft">Draft:</span> {draft.split('\n')[0]}
            </span>
          ) : (
            <span className={`chat-item__preview${last?.deletedAt ? ' is-deleted' : ''}`}>
              {last ? previewText(last, meId, sender, me) : <span className="muted">No messages yet</span>}
            </span>
          )}
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

/** In a group, the name of the one person typing, from what this window already knows. */
function useTypistName(chat: ChatView, typing: string[]): string | null {
  const data = useGroupData();
  const only = chat.kind === 'group' && typing.length === 1 ? typing[0]! : null;
  return useSyncExternalStore(data.subscribe, () => (only ? data.knownName(chat.id, only) : null));
}
