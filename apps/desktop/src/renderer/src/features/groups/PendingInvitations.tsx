import { FormError } from '../../ui/FormError';
import type { RouterOutputs } from '@confab/api';
import { useEffect, useState } from 'react';
import { useBackend, useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';

type Invitation = RouterOutputs['groups']['invitations']['invitations'][number];

/** Group invitations waiting for an answer (above the chat list), with accept and decline. */
export function PendingInvitations() {
  const backend = useBackend();
  const messenger = useMessenger();
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () => void backend.call('groups.invitations').then((r) => live && setInvitations(r.invitations.filter((i) => i.status === 'pending')), () => undefined);
    load();
    const stop = backend.onEvent((event) => {
      if (event.type === 'group.invitation') load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [backend]);

  async function answer(invitation: Invitation, accept: boolean) {
    setError(null);
    try {
      if (accept) {
        const chat = await backend.call('groups.acceptInvitation', { invitationId: invitation.id });
        await messenger.loadChats();
        messenger.openChat(chat.id);
      } else await backend.call('groups.declineInvitation', { invitationId: invitation.id });
      setInvitations((list) => list.filter((i) => i.id !== invitation.id));
    } catch (err) {
      setError(errorText(err));
    }
  }

  if (invitations.length === 0) return null;
  return (
    <section className="invitations" aria-label="Group invitations">
      {invitations.map((invitation) => (
        <div key={invitation.id} className="invitation">
          <Avatar id={invitation.chatId} name={invitation.group.name} mediaId={invitation.group.avatarMediaId} size="sm" group />
          <p className="invitation__text">
            <strong>{invitation.inviter.name || invitation.inviter.phone}</strong> invited you to <strong>{invitation.group.name}</strong>
          </p>
          <button type="button" className="button button--primary button--small" onClick={() => void answer(invitation, true)}>
            Join
          </button>
          <button type="button" className="button button--ghost button--small" onClick={() => void answer(invitation, false)}>
            Decline
          </button>
        </div>
      ))}
      <FormError message={error} />
    </section>
  );
}
