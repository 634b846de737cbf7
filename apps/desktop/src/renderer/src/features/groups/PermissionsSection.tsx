import { FormError } from '../../ui/FormError';
import { useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { GroupInfo } from './group-data';

type Key = 'send' | 'editInfo' | 'addMembers';
const LABELS: Record<Key, string> = { send: 'Send messages', editInfo: 'Edit group info', addMembers: 'Add members' };

/** Admins choose who may send, edit the group's info and add members: everyone or admins only. */
export function PermissionsSection({ info }: { info: GroupInfo }) {
  const backend = useBackend();
  const [error, setError] = useState<string | null>(null);

  async function change(key: Key, value: 'all' | 'admins') {
    setError(null);
    try {
      await backend.call('groups.setPermissions', { chatId: info.id, ...info.permissions, [key]: value });
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="group-info__section">
      <h3 className="group-info__heading">Who can…</h3>
      {(Object.keys(LABELS) as Key[]).map((key) => (
        <label key={key} className="permission">
          <span>{LABELS[key]}</span>
          <select className="input permission__select" value={info.permissions[key]} onChange={(e) => void change(key, e.target.value as 'all' | 'admins')}>
            <option value="all">All members</option>
            <option value="admins">Only admins</option>
          </select>
        </label>
      ))}
      <FormError message={error} />
    </section>
  );
}
