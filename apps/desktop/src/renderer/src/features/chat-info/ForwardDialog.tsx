import { DialogActions } from '../../ui/DialogActions';
import { FormError } from '../../ui/FormError';
import { useMemo, useState } from 'react';
import { useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { MessageView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';

const MAX_TARGETS = 5;

/** Pick up to five chats; the message is copied into each, marked "Forwarded". */
export function ForwardDialog({ message, onClose }: { message: MessageView; onClose(): void }) {
  const { call } = useMessenger().backend;
  const chatsById = useMessengerState((s) => s.chats);
  const chats = useMemo(() => Object.values(chatsById).filter((c) => !c.readOnly), [chatsById]);
  const [picked, setPicked] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    if (picked.length === 0) return;
    setSending(true);
    setError(null);
    try {
      await call('messages.forward', { messageId: message.id, chatIds: picked, clientId: crypto.randomUUID() });
      onClose();
    } catch (err) {
      setError(errorText(err));
      setSending(false);
    }
  }

  const toggle = (id: string, on: boolean) => setPicked((old) => (on ? [...old, id] : old.filter((x) => x !== id)));
  return (
    <Dialog title="Forward message" onClose={onClose} description={`Pick up to ${MAX_TARGETS} chats.`}>
      <ul className="forward-list">
        {chats.map((chat) => {
          const checked = picked.includes(chat.id);
          return (
            <li key={chat.id}>
              <label className="forward-list__item">
                <input type="checkbox" checked={checked} disabled={!checked && picked.length >= MAX_TARGETS} onChange={(e) => toggle(chat.id, e.target.checked)} />
                <Avatar id={chat.peer?.id ?? chat.id} name={chat.title} mediaId={chat.avatarMediaId} size="sm" group={chat.kind === 'group'} />
                <span className="forward-list__title">{chat.title}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <FormError message={error} />
      <DialogActions onCancel={onClose}>
        <button type="button" className="button button--primary" disabled={picked.length === 0 || sending} onClick={() => void send()}>
          {picked.length > 1 ? `Forward to ${picked.length} chats` : 'Forward'}
        </button>
      </DialogActions>
    </Dialog>
  );
}
