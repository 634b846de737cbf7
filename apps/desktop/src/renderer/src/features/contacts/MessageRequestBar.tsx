import { useState } from 'react';
import { useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { ChatView } from '../../lib/backend';
import { FormError } from '../../ui/FormError';

/**
 * In place of the composer while a chat is a message request (a stranger's first message while
 * I take messages from contacts only), as in Signal: accept it, block the sender, or delete it.
 */
export function MessageRequestBar({ chat }: { chat: ChatView }) {
  const messenger = useMessenger();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="message-request" aria-label="Message request">
      <p className="message-request__text">
        <strong>{chat.title}</strong> is not in your contacts and wants to message you. They will not know you have seen their messages or see your photo and
        last seen until you accept.
      </p>
      <FormError message={error} />
      <div className="message-request__actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void run(() => messenger.deleteMessageRequest(chat.id, true))}>
          Block
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void run(() => messenger.deleteMessageRequest(chat.id, false))}>
          Delete
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => messenger.acceptMessageRequest(chat.id))}>
          Accept
        </button>
      </div>
    </section>
  );
}
