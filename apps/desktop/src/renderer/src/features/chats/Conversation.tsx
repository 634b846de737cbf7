import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import type { MessageView } from '../../lib/backend';
import { Spinner } from '../../ui/Spinner';
import { ChatInfoPanel } from '../chat-info/ChatInfoPanel';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { GroupCallBanner } from '../calls/GroupCallBanner';
import { MessageList } from './MessageList';
import { ReadOnlyBanner } from '../groups/ReadOnlyBanner';
import { useMaySend } from '../groups/use-group-data';
import { useFileDrop } from '../attachments/use-file-drop';
import { MessageRequestBar } from '../contacts/MessageRequestBar';

/** One chat: header, messages, composer. Remounted per chat (keyed by id), so state is per chat. */
export function Conversation({ chatId, onBack, onSearch }: { chatId: string; onBack(): void; onSearch(): void }) {
  const chat = useMessengerState((s) => s.chats[chatId]);
  const conversation = useMessengerState((s) => s.conversations[chatId]);
  const allPending = useMessengerState((s) => s.pending);
  const meId = useMessengerState((s) => s.me?.id);
  const maySend = useMaySend(chatId, chat?.kind === 'group', meId);
  const pending = useMemo(() => allPending.filter((p) => p.chatId === chatId), [allPending, chatId]);
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const [editing, setEditing] = useState<MessageView | null>(null);
  const [infoOpen, setInfoOpen] = useState(false);
  const drop = useFileDrop(!chat?.readOnly && !chat?.messageRequest);
  const conversationRef = useRef<HTMLElement>(null);
  // The chat's own background colour (chat info → Background), set through CSSOM (no inline style under the CSP).
  const background = chat?.backgroundColor ?? null;
  useEffect(() => {
    const el = conversationRef.current;
    if (!el) return;
    if (background) el.style.setProperty('--chat-bg', background);
    else el.style.removeProperty('--chat-bg');
  }, [background]);
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
    <section
      ref={conversationRef}
      className={`conversation${infoOpen ? ' has-info' : ''}${background ? ' has-background' : ''}`}
      aria-label={`Chat with ${chat.title}`}
      data-chat-id={chat.id}
      data-chat-theme={chat.theme ?? undefined}
      {...drop.handlers}
    >
      {drop.dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <span>Drop files to send them to {chat.title}</span>
        </div>
      )}
      <ConversationHeader chat={chat} onBack={onBack} onSearch={onSearch} onInfo={() => setInfoOpen(true)} />
      <GroupCallBanner chat={chat} />
      {conversation?.error && conversation.messages.length === 0 ? (
        <div className="conversation__error" role="alert">
          {conversation.error}
        </div>
      ) : conversation ? (
        <MessageList chat={chat} conversation={conversation} pending={pending} onReply={reply} onEdit={edit} />
      ) : (
        <div className="messages" />
      )}
      {chat.kind === 'group' && (chat.readOnly || !maySend) && <ReadOnlyBanner chat={chat} adminsOnly={!maySend} />}
      {chat.messageRequest ? (
        <MessageRequestBar chat={chat} />
      ) : (
        <Composer
          chat={maySend ? chat : { ...chat, readOnly: true }}
          dropped={drop.files}
          onDroppedTaken={drop.taken}
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
      )}
      {infoOpen && (
        <ChatInfoPanel
          chat={chat}
          onClose={() => {
            setInfoOpen(false);
            conversationRef.current?.querySelector<HTMLButtonElement>('button[aria-label="Chat info"]')?.focus();
          }}
        />
      )}
    </section>
  );
}
