import { colourIndex } from '../../lib/identity';
import { Avatar } from '../../ui/Avatar';
import type { GroupMember } from './group-data';
import { memberName } from './use-group-data';

/** Someone else's name over their first bubble in a run, in their own colour. */
export function GroupSenderName({ userId, members }: { userId: string; members: GroupMember[] | undefined }) {
  return (
    <span className={`msg__sender msg__sender--c${colourIndex(userId)}`} aria-hidden="true" data-testid="sender-name">
      {memberName(members, userId)}
    </span>
  );
}

/** Their avatar beside the first bubble of a run. */
export function GroupSenderAvatar({ userId, members }: { userId: string; members: GroupMember[] | undefined }) {
  const user = members?.find((m) => m.user.id === userId)?.user;
  return (
    <span className="msg__avatar">
      <Avatar id={userId} name={memberName(members, userId)} mediaId={user?.avatarMediaId ?? null} size="sm" />
    </span>
  );
}
