import { DialogActions } from '../../ui/DialogActions';
import { FormError } from '../../ui/FormError';
import { useEffect, useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@confab/api';
import { useBackend, useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';
import { inviteCodeFrom } from './invite-code';

type Preview = RouterOutputs['groups']['previewInvite'];

/** Join by link: paste a code or an invite URL, see the group (name, image, members), then join. */
export function JoinGroupDialog({ onClose, initial = '' }: { onClose(): void; initial?: string }) {
  const backend = useBackend();
  const messenger = useMessenger();
  const [value, setValue] = useState(initial);
  const [preview, setPreview] = useState<{ code: string; group: Preview } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Came with a link: show what it leads to at once.
  useEffect(() => {
    if (initial && inviteCodeFrom(initial)) void look();
  }, []);

  async function look(e?: FormEvent) {
    e?.preventDefault();
    const code = inviteCodeFrom(value);
    if (!code) return setError('That is not an invite link or code.');
    setBusy(true);
    setError(null);
    try {
      setPreview({ code, group: await backend.call('groups.previewInvite', { code }) });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function join() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const chat = await backend.call('groups.joinViaLink', { code: preview.code });
      if (!messenger.store.get().chats[chat.id]) await messenger.loadChats();
      messenger.openChat(chat.id);
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Join a group" onClose={onClose}>
      {preview ? (
        <div className="stack join-preview">
          <Avatar id={preview.group.chatId} name={preview.group.name} mediaId={preview.group.avatarMediaId} size="xl" group />
          <p className="join-preview__name">{preview.group.name}</p>
          {preview.group.description && <p className="join-preview__description">{preview.group.description}</p>}
          <p className="join-preview__count">{preview.group.memberCount === 1 ? '1 member' : `${preview.group.memberCount} members`}</p>
          <FormError message={error} />
          <DialogActions onCancel={() => setPreview(null)} cancelLabel="Back">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void join()}>
              {preview.group.alreadyMember ? 'Open group' : busy ? 'Joining…' : 'Join group'}
            </button>
          </DialogActions>
        </div>
      ) : (
        <form className="stack" onSubmit={look} noValidate>
          <label className="field">
            <span className="field__label">Invite link or code</span>
            <input className="input" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
          </label>
          <FormError message={error} />
          <DialogActions onCancel={onClose}>
            <button type="submit" className="button button--primary" disabled={busy || !value.trim()}>
              {busy ? 'Looking…' : 'Preview'}
            </button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
