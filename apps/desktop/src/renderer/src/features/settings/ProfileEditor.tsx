import { Trash2 } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useBackend, useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';
import { PhotoPicker } from '../../ui/PhotoPicker';
import { QrCodeCard } from './QrCodeCard';

const NAME_MAX = 64;
const ABOUT_MAX = 140;

/** Name, about, photo (change or remove) and my QR code: the "Your profile" dialog and Settings → Profile. */
export function ProfileEditor() {
  const backend = useBackend();
  const messenger = useMessenger();
  const me = useMessengerState((s) => s.me);
  const [name, setName] = useState(me?.name ?? '');
  const [about, setAbout] = useState(me?.about ?? '');
  const [status, setStatus] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  /** Set once the person types: a late answer from the server must not overwrite their text. */
  const edited = useRef(false);
  const ids = { name: useId(), about: useId() };

  useEffect(() => {
    // Fresh from the server: another device may have changed it.
    void backend
      .call('me.get')
      .then((user) => {
        messenger.store.set((s) => ({ ...s, me: user }));
        if (edited.current) return;
        setName(user.name);
        setAbout(user.about);
      })
      .catch(() => undefined);
  }, [backend, messenger]);

  function fail(err: unknown) {
    setStatus({ kind: 'error', text: errorText(err) });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setStatus(null);
    try {
      const user = await backend.call('me.update', { name: name.trim(), about: about.trim() });
      messenger.store.set((s) => ({ ...s, me: user }));
      setStatus({ kind: 'saved', text: 'Saved.' });
    } catch (err) {
      fail(err);
    } finally {
      setSaving(false);
    }
  }

  async function setPhoto(mediaId: string) {
    const user = await backend.call('me.setAvatar', { mediaId });
    messenger.store.set((s) => ({ ...s, me: user }));
    setStatus({ kind: 'saved', text: 'Photo updated.' });
  }

  async function removePhoto() {
    setStatus(null);
    try {
      const user = await backend.call('me.removeAvatar');
      messenger.store.set((s) => ({ ...s, me: user }));
      setStatus({ kind: 'saved', text: 'Photo removed.' });
    } catch (err) {
      fail(err);
    }
  }

  if (!me) return null;
  return (
    <>
      <div className="profile">
        <div className="profile__photo">
          <Avatar id={me.id} name={name || me.phone || ''} mediaId={me.avatarMediaId} size="xl" />
          <PhotoPicker label="Change photo" onStart={() => setStatus(null)} onUploaded={setPhoto} onError={fail}>
            {me.avatarMediaId && (
              <button type="button" className="button button--small button--ghost" onClick={() => void removePhoto()}>
                <Trash2 aria-hidden="true" />
                Remove photo
              </button>
            )}
          </PhotoPicker>
        </div>
        <form className="profile__form stack" onSubmit={save}>
          <label className="field">
            <span className="field__label">Name</span>
            <input id={ids.name} className="input" value={name} maxLength={NAME_MAX} onChange={(e) => {
                edited.current = true;
                setName(e.target.value);
              }} autoComplete="name" />
          </label>
          <label className="field">
            <span className="field__label">About</span>
            <textarea id={ids.about} className="input textarea" value={about} maxLength={ABOUT_MAX} rows={3} onChange={(e) => {
                edited.current = true;
                setAbout(e.target.value);
              }} />
            <span className="field__hint">
              {about.length}/{ABOUT_MAX}
            </span>
          </label>
          <p className="field__hint">Phone: {me.phone}</p>
          {status && (
            <p className={status.kind === 'error' ? 'form-error' : 'form-notice'} role={status.kind === 'error' ? 'alert' : 'status'}>
              {status.text}
            </p>
          )}
          <div className="dialog__actions">
            <button type="submit" className="button button--primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      </div>
      <QrCodeCard />
    </>
  );
}
