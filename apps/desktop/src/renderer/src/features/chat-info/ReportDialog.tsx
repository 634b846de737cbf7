import { DialogActions } from '../../ui/DialogActions';
import { useId, useState, type FormEvent } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView } from '../../lib/backend';
import { Dialog } from '../../ui/Dialog';
import { previewText } from '../chats/preview-text';

/** A reason and, as evidence, any of their recent messages (up to 50). */
export function ReportDialog({ chat, meId, onClose, onSend }: { chat: ChatView; meId: string; onClose(): void; onSend(reason: string, messageIds: string[]): Promise<void> }) {
  const messages = useMessengerState((s) => s.conversations[chat.id]?.messages ?? []);
  const theirs = messages.filter((m) => m.senderId !== meId && !m.deletedAt).slice(-20).reverse();
  const [reason, setReason] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [sending, setSending] = useState(false);
  const reasonId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return;
    setSending(true);
    await onSend(reason.trim(), [...picked]);
    setSending(false);
  }

  return (
    <Dialog title={`Report ${chat.title}`} onClose={onClose} size="md" description="The report goes to Confab's moderators with the messages you tick.">
      <form className="report-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={reasonId}>What is wrong?</label>
        <textarea id={reasonId} className="input" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {theirs.length > 0 && (
          <fieldset className="report-form__messages">
            <legend>Messages to include</legend>
            {theirs.map((m) => (
              <label key={m.id} className="report-form__message">
                <input
                  type="checkbox"
                  checked={picked.has(m.id)}
                  onChange={(e) =>
                    setPicked((old) => {
                      const next = new Set(old);
                      if (e.target.checked) next.add(m.id);
                      else next.delete(m.id);
                      return next;
                    })
                  }
                />
                <span>{previewText(m, meId)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button button--danger" disabled={!reason.trim() || sending}>
            Send report
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
