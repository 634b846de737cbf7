import { X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { ChatView } from '../../lib/backend';
import { Avatar } from '../../ui/Avatar';
import { ChatSettingsSection } from './ChatSettingsSection';
import { CommonGroups } from './CommonGroups';
import { SafetySection } from './SafetySection';
import { SharedMedia } from './SharedMedia';

/**
 * Chat info, beside (or, on a narrow window, over) the conversation: who it is, what was shared,
 * groups in common, settings and safety. Esc closes it and focus returns to the header button.
 */
export function ChatInfoPanel({ chat, onClose }: { chat: ChatView; onClose(): void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
  }, []);
  const peer = chat.kind === 'direct' ? chat.peer : null;
  return (
    <aside
      className="chat-info"
      aria-label="Chat info"
      onKeyDown={(e) => {
        // A modal dialog (clear, report, lightbox) handles its own Esc.
        if (e.key === 'Escape' && !(e.target as HTMLElement).closest('dialog')) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="chat-info__header">
        <button ref={closeButton} type="button" className="icon-button" onClick={onClose} aria-label="Close chat info">
          <X aria-hidden="true" />
        </button>
        <h2 className="chat-info__heading">{peer ? 'Contact info' : 'Chat info'}</h2>
      </header>
      <div className="chat-info__body">
        <section className="info-profile">
          <Avatar id={peer?.id ?? chat.id} name={chat.title} mediaId={chat.avatarMediaId} size="xl" group={chat.kind === 'group'} />
          <p className="info-profile__name">{chat.title}</p>
          {peer?.phone && peer.phone !== chat.title && <p className="info-profile__phone">{peer.phone}</p>}
          {peer?.about && <p className="info-profile__about">{peer.about}</p>}
        </section>
        <SharedMedia chatId={chat.id} />
        {peer && <CommonGroups userId={peer.id} />}
        <ChatSettingsSection chat={chat} />
        <SafetySection chat={chat} onClosePanel={onClose} />
      </div>
    </aside>
  );
}
