import { useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';
import type { GroupMember } from './group-data';

const ROLE_LABEL = { owner: 'Owner', admin: 'Admin', member: '' } as const;

/** One member; admins see promote/demote/remove where the server allows them. */
export function MemberRow({ chatId, member, meId, iAmAdmin, readOnly }: { chatId: string; member: GroupMember; meId: string; iAmAdmin: boolean; readOnly: boolean }) {
  const backend = useBackend();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = member.user.id === meId ? 'You' : member.user.name || member.user.phone || 'Member';
  const canManage = iAmAdmin && !readOnly && member.user.id !== meId && member.role !== 'owner';

  async function act(procedure: 'promote' | 'demote' | 'removeMember') {
    setBusy(true);
    setError(null);
    try {
      await backend.call(`groups.${procedure}`, { chatId, userId: member.user.id });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="member" data-user-id={member.user.id}>
      <Avatar id={member.user.id} name={member.user.name || member.user.phone || ''} mediaId={member.user.avatarMediaId} size="sm" />
      <span className="member__name">{name}</span>
      {ROLE_LABEL[member.role] && <span className={`member__role member__role--${member.role}`}>{ROLE_LABEL[member.role]}</span>}
      {canManage && (
        <span className="member__actions">
          {member.role === 'member' ? (
            <button type="button" className="button button--ghost button--small" disabled={busy} onClick={() => void act('promote')} aria-label={`Make ${name} an admin`}>
              Make admin
            </button>
          ) : (
            <button type="button" className="button button--ghost button--small" disabled={busy} onClick={() => void act('demote')} aria-label={`Dismiss ${name} as admin`}>
              Dismiss admin
            </button>
          )}
          <button type="button" className="button button--ghost button--small button--danger" disabled={busy} onClick={() => void act('removeMember')} aria-label={`Remove ${name}`}>
            Remove
          </button>
        </span>
      )}
      {error && (
        <p className="form-error member__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
