import { FormError } from '../../ui/FormError';
import { useEffect, useState } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { RouterOutputs } from '@confab/api';
import type { ChatView, MessageView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { formatDay, formatTime } from '../../lib/format';
import { Dialog } from '../../ui/Dialog';
import { previewText } from '../chats/preview-text';

const when = (iso: string | null) => (iso ? `${formatDay(iso)}, ${formatTime(iso)}` : '—');

/** Who my message reached and who read it (read stays empty where read receipts are off). */
export function MessageInfoDialog({ message, chat, onClose }: { message: MessageView; chat: ChatView; onClose(): void }) {
  const { call } = useMessenger().backend;
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const [receipts, setReceipts] = useState<RouterOutputs['messages']['receipts']['receipts'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('messages.receipts', { messageId: message.id })
      .then(({ receipts: found }) => setReceipts(found))
      .catch((err: unknown) => setError(errorText(err)));
  }, [call, message.id]);
  const nameOf = (userId: string) => (chat.kind === 'direct' && chat.peer?.id === userId ? chat.title : 'Member');
  return (
    <Dialog title="Message info" onClose={onClose} description={previewText(message, meId)}>
      <FormError message={error} />
      {receipts === null && !error && <p className="info-empty">Loading…</p>}
      {receipts && (
        <table className="receipts-table">
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Delivered</th>
              <th scope="col">Read</th>
            </tr>
          </thead>
          <tbody>
            {receipts.map((r) => (
              <tr key={r.userId}>
                <th scope="row">{nameOf(r.userId)}</th>
                <td>{when(r.deliveredAt)}</td>
                <td>{when(r.readAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
