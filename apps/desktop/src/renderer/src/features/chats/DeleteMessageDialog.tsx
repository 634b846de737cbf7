import { FormError } from '../../ui/FormError';
import { useState } from 'react';
import { useMessenger } from '../../app/context';
import type { MessageView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';

/** How long after sending the author may still delete a message for everyone (server rule). */
const FOR_EVERYONE_MS = 48 * 60 * 60 * 1000;

export function DeleteMessageDialog({ message, meId, onClose }: { message: MessageView; meId: string; onClose(): void }) {
  const messenger = useMessenger();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canForEveryone = message.senderId === meId && !message.deletedAt && Date.now() - Date.parse(message.createdAt) < FOR_EVERYONE_MS;

  async function remove(forEveryone: boolean) {
    setBusy(true);
    try {
      await messenger.delete(message, forEveryone);
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Delete message?" onClose={onClose} description={canForEveryone ? 'Delete it for everyone in this chat, or only from your devices.' : 'It will be removed from your devices only.'}>
      <FormError message={error} />
      <div className="dialog__actions dialog__actions--stack">
        {canForEveryone && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove(true)}>
            Delete for everyone
          </button>
        )}
        <button type="button" className={`button${canForEveryone ? '' : ' button--danger'}`} disabled={busy} onClick={() => void remove(false)}>
          Delete for me
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
