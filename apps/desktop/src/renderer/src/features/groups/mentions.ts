import type { MessageView } from '../../lib/backend';
import type { MentionName } from '../chats/text-parts';
import type { GroupMember } from './group-data';

/**
 * The people a group message @-mentions, by the names its text shows them with. The server keeps
 * their ids in `meta.mentions`; the names are the members' (the composer inserted "@" + that
 * name). Someone no longer listed is left out: their "@Name" stays plain text.
 */
export function mentionNames(message: MessageView, members: GroupMember[] | undefined, me: { id: string; name: string }): MentionName[] {
  const ids = message.meta?.mentions;
  if (!Array.isArray(ids)) return [];
  const names: MentionName[] = [];
  for (const id of ids) {
    if (typeof id !== 'string') continue;
    const user = members?.find((m) => m.user.id === id)?.user;
    const name = user ? user.name || user.phone : id === me.id ? me.name : null;
    if (name) names.push({ name, me: id === me.id });
  }
  return names;
}
