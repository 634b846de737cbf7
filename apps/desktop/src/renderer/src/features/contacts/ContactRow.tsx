import { MessageCircle, Pencil, Tag, UserMinus } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';
import { FormError } from '../../ui/FormError';
import { LabelsDialog } from '../labels/LabelsDialog';
import { useKnownLabels } from '../labels/use-labels';
import { contactsDataFor, type Contact } from './contacts-data';

type Mode = 'view' | 'alias' | 'remove' | 'labels';

/**
 * One contact: what I call them (their profile name under an alias), number and labels; then
 * message them, rename them (an alias only I see), label them, or remove them (asked first).
 */
export function ContactRow({ contact, onMessage }: { contact: Contact; onMessage(): void }) {
  const backend = useBackend();
  const known = useKnownLabels();
  const [mode, setMode] = useState<Mode>('view');
  const [alias, setAlias] = useState(contact.alias ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const aliasId = useId();
  const { user, displayName } = contact;
  const profileName = user.name && user.name !== displayName ? user.name : null;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setMode('view');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function saveAlias(e: FormEvent) {
    e.preventDefault();
    void run(async () => contactsDataFor(backend).upsert(await backend.call('contacts.add', { userId: user.id, alias: alias.trim() || null })));
  }

  return (
    <li className="settings-row contact-row" data-user-id={user.id}>
      <Avatar id={user.id} name={displayName} mediaId={user.avatarMediaId} size="sm" />
      <div className="settings-row__text contact-row__text">
        <span className="settings-row__label">{displayName}</span>
        <span className="settings-row__hint">
          {[profileName && `~${profileName}`, user.phone].filter(Boolean).join(' · ')}
        </span>
        {contact.tags.length > 0 && (
          <span className="contact-row__tags">
            {contact.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </span>
        )}
      </div>
      {mode === 'alias' ? (
        <form className="contact-row__edit" onSubmit={saveAlias}>
          <label htmlFor={aliasId} className="sr-only">
            Name for {user.name || user.phone}
          </label>
          <input id={aliasId} className="input" value={alias} maxLength={64} placeholder={user.name || 'Name'} onChange={(e) => setAlias(e.target.value)} autoFocus />
          <button type="submit" className="button button--small button--primary" disabled={busy}>
            Save
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : mode === 'remove' ? (
        <div className="contact-row__edit" role="group" aria-label={`Remove ${displayName}?`}>
          <span>Remove {displayName}?</span>
          <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => void run(async () => {
                await backend.call('contacts.remove', { userId: user.id });
                contactsDataFor(backend).drop(user.id);
              })}>
            Remove
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => setMode('view')} autoFocus>
            Cancel
          </button>
        </div>
      ) : (
        <div className="contact-row__actions">
          <button type="button" className="icon-button icon-button--sm" onClick={onMessage} aria-label={`Message ${displayName}`} title="Message">
            <MessageCircle aria-hidden="true" />
          </button>
          <button type="button" className="icon-button icon-button--sm" onClick={() => setMode('alias')} aria-label={`Rename ${displayName}`} title="Rename">
            <Pencil aria-hidden="true" />
          </button>
          <button type="button" className="icon-button icon-button--sm" onClick={() => setMode('labels')} aria-label={`Labels for ${displayName}`} title="Labels">
            <Tag aria-hidden="true" />
          </button>
          <button type="button" className="icon-button icon-button--sm" onClick={() => setMode('remove')} aria-label={`Remove ${displayName}`} title="Remove">
            <UserMinus aria-hidden="true" />
          </button>
        </div>
      )}
      <FormError message={error} />
      {mode === 'labels' && (
        <LabelsDialog
          title={`Labels for ${displayName}`}
          current={contact.tags}
          known={known}
          onSave={async (tags) => contactsDataFor(backend).upsert(await backend.call('contacts.setTags', { userId: user.id, tags }))}
          onClose={() => setMode('view')}
        />
      )}
    </li>
  );
}
