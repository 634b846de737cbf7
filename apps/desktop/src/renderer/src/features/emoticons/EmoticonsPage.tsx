import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Spinner } from '../../ui/Spinner';
import { AddEmoticonForm } from './AddEmoticonForm';
import type { Emoticon } from './emoticons-data';
import { EmoticonImage } from './EmoticonImage';
import { useEmoticons } from './use-emoticons';

/**
 * Settings → Stickers & emoticons: my custom emoticons, newest first, each usable as `:shortcut:`
 * in text (everyone in the chat sees the picture) and as a sticker from the composer's tray.
 */
export function EmoticonsPage() {
  const emoticons = useEmoticons();
  const [deleting, setDeleting] = useState<Emoticon | null>(null);

  return (
    <div className="settings-page emoticons-page">
      <p className="muted">Your own emoticons. Type one as :shortcut: in any chat and everyone there sees the picture; send it big from the Stickers tab beside the emoji.</p>
      <AddEmoticonForm />
      <section aria-labelledby="my-emoticons">
        <h3 id="my-emoticons" className="settings__heading">
          Yours
        </h3>
        {!emoticons.loaded ? (
          emoticons.error ? (
            <p className="form-error" role="alert">
              {errorText(emoticons.error)}
            </p>
          ) : (
            <Spinner label="Loading your emoticons" />
          )
        ) : emoticons.items.length === 0 ? (
          <p className="settings-empty">No emoticons yet. Add one from a picture above.</p>
        ) : (
          <ul className="emoticon-list" aria-label="Your emoticons">
            {emoticons.items.map((e) => (
              <li key={e.id} className="emoticon-list__item">
                <EmoticonImage shortcut={e.shortcut} mediaId={e.mediaId} className="emoticon-list__picture" fallback="blank" decorative />
                <span className="emoticon-list__name">:{e.shortcut}:</span>
                {e.animated && <span className="emoticon-list__badge">Animated</span>}
                <button type="button" className="icon-button icon-button--sm emoticon-list__delete" aria-label={`Delete :${e.shortcut}:`} title="Delete" onClick={() => setDeleting(e)}>
                  <Trash2 aria-hidden="true" />
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {deleting && <DeleteEmoticonDialog emoticon={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}

function DeleteEmoticonDialog({ emoticon, onClose }: { emoticon: Emoticon; onClose(): void }) {
  const emoticons = useEmoticons();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `:${emoticon.shortcut}:`;

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await emoticons.delete(emoticon);
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Delete ${name}?`} onClose={onClose} description={`Messages that used it will show ${name} as text, for everyone. Stickers already sent stay.`}>
      <div className="emoticon-delete">
        <EmoticonImage shortcut={emoticon.shortcut} mediaId={emoticon.mediaId} className="emoticon-delete__picture" fallback="blank" decorative />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <DialogActions onCancel={onClose}>
        <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </DialogActions>
    </Dialog>
  );
}
