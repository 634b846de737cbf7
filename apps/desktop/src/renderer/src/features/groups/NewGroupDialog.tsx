import { DialogActions } from '../../ui/DialogActions';
import { FormError } from '../../ui/FormError';
import { ImagePlus, UserPlus, X } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useBackend, useMessenger } from '../../app/context';
import type { UserView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';
import { ContactPicker } from './ContactPicker';
import { lookupByPhone } from '../../lib/people';

interface Created {
  chatId: string;
  invited: UserView[];
}

/**
 * New group: people picked from contacts or found by phone number, a name and an optional image (uploaded with
 * progress) → groups.create, then the group opens. People whose privacy setting only lets
 * contacts add them are invited instead; the dialog says who.
 */
export function NewGroupDialog({ onClose }: { onClose(): void }) {
  const backend = useBackend();
  const messenger = useMessenger();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [people, setPeople] = useState<UserView[]>([]);
  const [image, setImage] = useState<{ mediaId: string | null; progress: number; preview: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { name: useId(), phone: useId(), people: useId() };
  const meId = messenger.store.get().me?.id;

  async function addPerson() {
    const value = phone.trim();
    if (!value) return;
    setError(null);
    try {
      const user = await lookupByPhone(backend, value);
      if (!user) return setError('No one with this number uses Confab yet.');
      if (user.id === meId) return setError('You are in the group already.');
      setPeople((list) => (list.some((p) => p.id === user.id) ? list : [...list, user]));
      setPhone('');
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function pickImage(file: File | undefined) {
    if (!file) return;
    const preview = URL.createObjectURL(file);
    setImage({ mediaId: null, progress: 0, preview });
    try {
      const { mediaId } = await backend.upload(file, (p) => setImage((i) => i && { ...i, progress: p.total ? p.loaded / p.total : 0 }));
      setImage((i) => i && { ...i, mediaId, progress: 1 });
    } catch (err) {
      setImage(null);
      setError(errorText(err));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || !name.trim() || people.length === 0) return;
    if (image && !image.mediaId) return setError('Wait for the image to finish uploading.');
    setBusy(true);
    setError(null);
    try {
      const result = await backend.call('groups.create', { name: name.trim(), memberIds: people.map((p) => p.id), ...(image?.mediaId ? { imageMediaId: image.mediaId } : {}) });
      if (!messenger.store.get().chats[result.chat.id]) await messenger.loadChats();
      messenger.openChat(result.chat.id);
      const invited = people.filter((p) => result.invited.includes(p.id));
      if (invited.length === 0) onClose();
      else setCreated({ chatId: result.chat.id, invited });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  if (created) {
    return (
      <Dialog title="Group created" onClose={onClose}>
        <p>These people only let their contacts add them to groups, so they were sent an invitation instead:</p>
        <ul className="group-people">
          {created.invited.map((p) => (
            <li key={p.id} className="group-people__item">
              <Avatar id={p.id} name={p.name || p.phone || ''} mediaId={p.avatarMediaId} size="sm" />
              <span>{p.name || p.phone}</span>
            </li>
          ))}
        </ul>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose}>
            Open group
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="New group" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="group-form__top">
          <button type="button" className="group-form__image" onClick={() => fileInput.current?.click()} aria-label={image ? 'Change group image' : 'Add group image'}>
            {image ? <img src={image.preview} alt="" /> : <ImagePlus aria-hidden="true" />}
            {image && image.progress < 1 && <progress className="group-form__progress" max={1} value={image.progress} aria-label="Uploading image" />}
          </button>
          <input ref={fileInput} type="file" accept="image/*" hidden onChange={(e) => void pickImage(e.target.files?.[0])} />
          <label className="field group-form__name" htmlFor={ids.name}>
            <span className="field__label">Group name</span>
            <input id={ids.name} className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoFocus />
          </label>
        </div>
        <ContactPicker
          meId={meId}
          picked={people}
          onToggle={(user) => setPeople((list) => (list.some((p) => p.id === user.id) ? list.filter((p) => p.id !== user.id) : [...list, user]))}
        />
        <div className="field">
          <label className="field__label" htmlFor={ids.phone}>
            Add people by phone number
          </label>
          <div className="group-form__add">
            <input
              id={ids.phone}
              className="input"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              placeholder="+44 20 7946 0958"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void addPerson();
                }
              }}
            />
            <button type="button" className="button button--ghost" onClick={() => void addPerson()} disabled={!phone.trim()}>
              <UserPlus aria-hidden="true" /> Add
            </button>
          </div>
        </div>
        <ul className="group-people" id={ids.people} aria-label="People in the new group">
          {people.map((p) => (
            <li key={p.id} className="group-people__item">
              <Avatar id={p.id} name={p.name || p.phone || ''} mediaId={p.avatarMediaId} size="sm" />
              <span className="group-people__name">{p.name || p.phone}</span>
              <button type="button" className="icon-button icon-button--sm" aria-label={`Remove ${p.name || p.phone}`} onClick={() => setPeople((l) => l.filter((x) => x.id !== p.id))}>
                <X aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
        <FormError message={error} />
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button button--primary" disabled={busy || !name.trim() || people.length === 0}>
            {busy ? 'Creating…' : `Create group${people.length ? ` (${people.length + 1})` : ''}`}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
