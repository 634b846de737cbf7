import { useCallback, useMemo, useState } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import type { MessageView } from '../../lib/backend';
import { Spinner } from '../../ui/Spinner';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { MessageList } from './MessageList';
import { ReadOnlyBanner } from '../groups/ReadOnlyBanner';

/** One chat: header, messages, composer. Remounted per chat (keyed by id), so state is per chat. */
export function Conversation({ chatId, onBack, onSearch }: { chatId: string; onBack(): void; onSearch(): void }) {
  const chat = useMessengerState((s) => s.chats[chatId]);
  const conversation = useMessengerState((s) => s.conversations[chatId]);
  const allPending = useMessengerState((s) => s.pending);
  const meId = useMessengerState((s) => s.me?.id);
  const pending = useMemo(() => allPending.filter((p) => p.chatId === chatId), [allPending, chatId]);
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const [editing, setEditing] = useState<MessageView | null>(null);
  const reply = useCallback((m: MessageView) => {
    setEditing(null);
    setReplyTo(m);
  }, []);
  const edit = useCallback((m: MessageView) => {
    setReplyTo(null);
    setEditing(m);
  }, []);

  if (!chat) {
    return (
      <section className="conversation conversation--loading">
        <Spinner label="Opening chat" />
      </section>
    );
  }
  return (
    <section className="conversation" aria-label={`Chat with ${chat.title}`} data-chat-id={chat.id}>
      <ConversationHeader chat={chat} onBack={onBack} onSearch={onSearch} />
      {conversation?.error && conversation.messages.length === 0 ? (
        <div className="conversation__error" role="alert">
          {conversation.error}
        </div>
      ) : conversation ? (
        <MessageList chat={chat} conversation={conversation} pending={pending} onReply={reply} onEdit={edit} />
      ) : (
        <div className="messages" />
      )}
      {chat.readOnly && chat.kind === 'group' && <ReadOnlyBanner chat={chat} />}
      <Composer
        chat={chat}
        replyTo={replyTo}
        editing={editing}
        onCancel={() => {
          setReplyTo(null);
          setEditing(null);
        }}
        onEditLast={() => {
          const last = [...(conversation?.messages ?? [])].reverse().find((m) => m.senderId === meId && !m.deletedAt && m.kind === 'text');
          if (last) edit(last);
        }}
      />
    </section>
  );
}
