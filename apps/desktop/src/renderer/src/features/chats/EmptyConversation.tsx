import { MessageCircle } from 'lucide-react';

export function EmptyConversation({ onNewChat }: { onNewChat(): void }) {
  return (
    <div className="empty-conversation">
      <span className="empty-conversation__art" aria-hidden="true">
        <MessageCircle />
      </span>
      <h2>Pick a chat to start messaging</h2>
      <p className="muted">Or start a new one with a contact, a phone number or a QR code.</p>
      <button type="button" className="button button--primary" onClick={onNewChat}>
        New chat
      </button>
      <dl className="shortcuts">
        <div>
          <dt>
            <kbd className="kbd">Ctrl K</kbd>
          </dt>
          <dd>Search messages</dd>
        </div>
        <div>
          <dt>
            <kbd className="kbd">Enter</kbd>
          </dt>
          <dd>Send</dd>
        </div>
        <div>
          <dt>
            <kbd className="kbd">Shift Enter</kbd>
          </dt>
          <dd>New line</dd>
        </div>
        <div>
          <dt>
            <kbd className="kbd">Esc</kbd>
          </dt>
          <dd>Close panels and dialogs</dd>
        </div>
      </dl>
    </div>
  );
}
