import { useEffect, useState } from 'react';
import { useMessenger } from '../../app/context';
import type { RouterOutputs } from '@confab/api';
import { Avatar } from '../../ui/Avatar';

/** Groups this person and I are both in. */
export function CommonGroups({ userId }: { userId: string }) {
  const { call } = useMessenger().backend;
  const [groups, setGroups] = useState<RouterOutputs['chats']['commonGroups']['groups'] | null>(null);
  useEffect(() => {
    let live = true;
    void call('chats.commonGroups', { userId })
      .then(({ groups: found }) => live && setGroups(found))
      .catch(() => live && setGroups([]));
    return () => {
      live = false;
    };
  }, [call, userId]);
  if (groups === null) return null;
  return (
    <section className="info-section" aria-label="Groups in common">
      <h3 className="info-section__title">
        {groups.length === 0 ? 'No groups in common' : `${groups.length} ${groups.length === 1 ? 'group' : 'groups'} in common`}
      </h3>
      {groups.length > 0 && (
        <ul className="info-list">
          {groups.map((g) => (
            <li key={g.id} className="info-group">
              <Avatar id={g.id} name={g.name} mediaId={g.avatarMediaId} size="sm" group />
              <span className="info-group__name">{g.name}</span>
              <span className="info-group__count">{g.memberCount} members</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
