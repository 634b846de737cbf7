import { useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { UserView } from '../../lib/backend';
import { ShareInviteLink } from './ShareInviteLink';

/**
 * A number not on Confab: invite them by text (`contacts.invite`) — and when no text can go (not
 * set up, limited, the provider failed), my link to copy or share instead. If they joined in the
 * meantime, `onConfab` gets them.
 */
export function InviteOffer({ phone, onConfab }: { phone: string; onConfab(user: UserView): void }) {
  const backend = useBackend();
  const [busy, setBusy] = useState(false);
  /** Why no text went (the server's words): the link to share instead. */
  const [unsent, setUnsent] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function invite() {
    setBusy(true);
    try {
      const answer = await backend.call('contacts.invite', { phone });
      if (answer.status === 'onConfab' && answer.user) onConfab(answer.user);
      else setSent(true);
    } catch (err) {
      // No text went: the way left is the link, shared by the user themselves.
      setUnsent(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="add-contact__result" role="group" aria-label="Not on Confab">
        <p className="add-contact__who">{phone} is not on Confab yet. Invite them: they get a text with your link.</p>
        {/* Sent once, it may be sent again: the server limits texts per number and per sender. */}
        {!unsent && (
          <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void invite()}>
            Invite
          </button>
        )}
        {unsent && (
          <div className="add-contact__fallback">
            <p className="form-notice form-notice--info" role="alert">
              {unsent}
            </p>
            <ShareInviteLink />
          </div>
        )}
      </div>
      {sent && (
        <p className="add-contact__done" role="status">
          Invitation sent to {phone}.
        </p>
      )}
    </>
  );
}
