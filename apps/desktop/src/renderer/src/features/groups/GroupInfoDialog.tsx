import { FormError } from '../../ui/FormError';
import { Flag, LogOut, Trash2, UserPlus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useBackend } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { formatDay } from '../../lib/format';
import { Dialog } from '../../ui/Dialog';
import type { GroupInfo } from './group-data';
import { GroupImage } from './GroupImage';
import { InviteLinkSection } from './InviteLinkSection';
import { MemberRow } from './MemberRow';
import { PermissionsSection } from './PermissionsSection';
import { useGroupInfo, useGroupMembers } from './use-group-data';
import { lookupByPhone } from '../../lib/people';

/**
 * Group info (from the conversation header; Esc closes): name, description and image, the
 * members with their roles, and what the caller's role allows — admin actions, permissions,
 * the invite link, adding people — then leave, delete (owner) and report.
 */
export function GroupInfoDialog({ chat, onClose }: { chat: ChatView; onClose(): void }) {
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const info = useGroupInfo(chat.id);
  const members = useGroupMembers(chat.id, true);
  const myRole = members?.find((m) => m.user.id === meId)?.role ?? info?.myRole;
  const iAmAdmin = myRole === 'owner' || myRole === 'admin';
  const readOnly = chat.readOnly || info?.deleted === true;
  const may = (permission: 'all' | 'admins' | undefined) => !readOnly && (permission === 'all' || iAmAdmin);

  return (
    <Dialog title="Group info" onClose={onClose} size="md">
      <div className="group-info">
        <div className="group-info__top">
          <GroupImage chat={chat} info={info} editable={info !== undefined && may(info.permissions.editInfo)} />
          {info && may(info.permissions.editInfo) ? <EditInfo info={info} /> : <ShowInfo chat={chat} info={info} />}
          {info && <p className="group-info__created">Created {formatDay(info.createdAt)}</p>}
        </div>
        <section className="group-info__section">
          <h3 className="group-info__heading" data-testid="member-count">
            {members ? `${members.length} ${members.length === 1 ? 'member' : 'members'}` : 'Members'}
          </h3>
          {info && may(info.permissions.addMembers) && <AddMembers chatId={chat.id} />}
          <ul className="members" aria-label="Members">
            {members?.map((member) => <MemberRow key={member.user.id} chatId={chat.id} member={member} meId={meId} iAmAdmin={iAmAdmin} readOnly={readOnly} />)}
          </ul>
        </section>
        {iAmAdmin && !readOnly && info && <PermissionsSection info={info} />}
        {iAmAdmin && !readOnly && <InviteLinkSection chatId={chat.id} />}
        <GroupExits chatId={chat.id} isOwner={myRole === 'owner'} readOnly={readOnly} onDone={onClose} />
      </div>
    </Dialog>
  );
}

function ShowInfo({ chat, info }: { chat: ChatView; info: GroupInfo | undefined }) {
  return (
    <div className="group-info__text">
      <p className="group-info__name">{info?.name ?? chat.title}</p>
      {info?.description && <p className="group-info__description">{info.description}</p>}
    </div>
  );
}

function EditInfo({ info }: { info: GroupInfo }) {
  const backend = useBackend();
  const [name, setName] = useState(info.name);
  const [description, setDescription] = useState(info.description ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = name.trim() !== info.name || description.trim() !== (info.description ?? '');

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!changed || !name.trim()) return;
    setError(null);
    try {
      await backend.call('groups.update', { chatId: info.id, name: name.trim(), description: description.trim() });
      setStatus('Saved.');
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form className="group-info__edit stack" onSubmit={save}>
      <label className="field">
        <span className="field__label">Group name</span>
        <input className="input" value={name} maxLength={100} onChange={(e) => (setName(e.target.value), setStatus(null))} />
      </label>
      <label className="field">
        <span className="field__label">Description</span>
        <textarea className="input" rows={2} value={description} maxLength={500} onChange={(e) => (setDescription(e.target.value), setStatus(null))} />
      </label>
      <div className="group-info__row">
        <button type="submit" className="button button--primary button--small" disabled={!changed || !name.trim()}>
          Save
        </button>
        {status && <span className="form-notice" role="status">{status}</span>}
      </div>
      <FormError message={error} />
    </form>
  );
}

function AddMembers({ chatId }: { chatId: string }) {
  const backend = useBackend();
  const [phone, setPhone] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStatus(null);
    try {
      const user = await lookupByPhone(backend, phone.trim());
      if (!user) return setError('No one with this number uses Confab yet.');
      const result = await backend.call('groups.addMembers', { chatId, userIds: [user.id] });
      setStatus(result.invited.includes(user.id) ? `${user.name || user.phone} was sent an invitation.` : `${user.name || user.phone} was added.`);
      setPhone('');
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form className="group-info__add" onSubmit={add}>
      <input className="input" type="tel" inputMode="tel" aria-label="Add participant by phone number" placeholder="Add by phone number" value={phone} onChange={(e) => setPhone(e.target.value)} />
      <button type="submit" className="button button--ghost button--small" disabled={!phone.trim()}>
        <UserPlus aria-hidden="true" /> Add
      </button>
      {status && <p className="form-notice" role="status">{status}</p>}
      <FormError message={error} />
    </form>
  );
}

function GroupExits({ chatId, isOwner, readOnly, onDone }: { chatId: string; isOwner: boolean; readOnly: boolean; onDone(): void }) {
  const backend = useBackend();
  const [confirm, setConfirm] = useState<'leave' | 'delete' | 'report' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function run() {
    setError(null);
    try {
      if (confirm === 'leave') await backend.call('groups.leave', { chatId });
      else if (confirm === 'delete') await backend.call('groups.delete', { chatId });
      else if (confirm === 'report') {
        await backend.call('groups.report', { chatId, reason: reason.trim() });
        setConfirm(null);
        setStatus('Thank you: the group was reported.');
        return;
      }
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="group-info__section group-info__exits">
      {confirm ? (
        <div className="group-info__confirm" role="group" aria-label="Confirm">
          <p>{confirm === 'leave' ? 'Leave this group? You will stop receiving its messages.' : confirm === 'delete' ? 'Delete this group for everyone? Members keep a read-only history.' : 'What is wrong with this group?'}</p>
          {confirm === 'report' && <textarea className="input" aria-label="Reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          <div className="group-info__row">
            <button type="button" className="button button--ghost button--small" onClick={() => setConfirm(null)}>
              Cancel
            </button>
            <button type="button" className="button button--danger button--small" disabled={confirm === 'report' && !reason.trim()} onClick={() => void run()}>
              {confirm === 'leave' ? 'Leave group' : confirm === 'delete' ? 'Delete group' : 'Report group'}
            </button>
          </div>
        </div>
      ) : (
        <div className="group-info__row">
          {!readOnly && (
            <button type="button" className="button button--ghost button--small button--danger" onClick={() => setConfirm('leave')}>
              <LogOut aria-hidden="true" /> Leave group
            </button>
          )}
          {isOwner && !readOnly && (
            <button type="button" className="button button--ghost button--small button--danger" onClick={() => setConfirm('delete')}>
              <Trash2 aria-hidden="true" /> Delete group
            </button>
          )}
          <button type="button" className="button button--ghost button--small" onClick={() => setConfirm('report')}>
            <Flag aria-hidden="true" /> Report group
          </button>
        </div>
      )}
      {status && <p className="form-notice" role="status">{status}</p>}
      <FormError message={error} />
    </section>
  );
}
