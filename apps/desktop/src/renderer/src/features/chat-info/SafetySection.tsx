import { DialogActions } from '../../ui/DialogActions';
import { FormError } from '../../ui/FormError';
import { Archive, Ban, Eraser, Flag } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { ReportDialog } from './ReportDialog';

/** Clear (for me), hide, block/unblock and report. */
export function SafetySection({ chat, onClosePanel }: { chat: ChatView; onClosePanel(): void }) {
  const messenger = useMessenger();
  const { call } = messenger.backend;
  const peerId = chat.kind === 'direct' ? (chat.peer?.id ?? null) : null;
  const [blocked, setBlocked] = useState<boolean | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const meId = useMessengerState((s) => s.me?.id ?? '');

  useEffect(() => {
    if (!peerId) return;
    void call('users.blocked')
      .then((list) => setBlocked(list.some((b) => b.user.id === peerId)))
      .catch(() => setBlocked(false));
  }, [call, peerId]);

  const run = async (action: () => Promise<void>, message: string) => {
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(message);
    } catch (err) {
      setError(errorText(err));
    }
  };

  async function clear() {
    setConfirmClear(false);
    await run(async () => {
      await call('chats.clear', { chatId: chat.id });
      messenger.store.set((s) => ({ ...s, conversations: { ...s.conversations, [chat.id]: { messages: [], hasMore: false, loading: false, error: null } } }));
    }, 'Chat cleared.');
  }

  return (
    <section className="info-section info-actions" aria-label="Chat actions">
      <button type="button" className="info-action" onClick={() => setConfirmClear(true)}>
        <Eraser aria-hidden="true" /> Clear chat
      </button>
      <button
        type="button"
        className="info-action"
        onClick={() =>
          void run(async () => {
            await call('chats.hide', { chatId: chat.id, hidden: !chat.hidden });
            if (!chat.hidden) onClosePanel();
          }, chat.hidden ? 'Chat shown in the list again.' : 'Chat archived: it comes back with a new message.')
        }
      >
        <Archive aria-hidden="true" /> {chat.hidden ? 'Unarchive chat' : 'Archive chat'}
      </button>
      {peerId && blocked !== null && (
        <button
          type="button"
          className="info-action info-action--danger"
          onClick={() =>
            void run(async () => {
              await call(blocked ? 'users.unblock' : 'users.block', { userId: peerId });
              setBlocked(!blocked);
            }, blocked ? `${chat.title} is unblocked.` : `${chat.title} is blocked: neither of you can message the other.`)
          }
        >
          <Ban aria-hidden="true" /> {blocked ? `Unblock ${chat.title}` : `Block ${chat.title}`}
        </button>
      )}
      {peerId && (
        <button type="button" className="info-action info-action--danger" onClick={() => setReporting(true)}>
          <Flag aria-hidden="true" /> Report {chat.title}
        </button>
      )}
      <p className="info-status" role="status">
        {done}
      </p>
      <FormError message={error} />
      {confirmClear && (
        <Dialog title="Clear this chat?" description="Messages disappear for you only; the other side keeps them." onClose={() => setConfirmClear(false)}>
          <DialogActions onCancel={() => setConfirmClear(false)}>
            <button type="button" className="button button--danger" onClick={() => void clear()}>
              Clear chat
            </button>
          </DialogActions>
        </Dialog>
      )}
      {reporting && peerId && (
        <ReportDialog
          chat={chat}
          meId={meId}
          onClose={() => setReporting(false)}
          onSend={(reason, ids) => run(async () => void (await call('users.report', { userId: peerId, reason, ...(ids.length ? { messageIds: ids } : {}) })), 'Report sent. Thank you.').then(() => setReporting(false))}
        />
      )}
    </section>
  );
}
