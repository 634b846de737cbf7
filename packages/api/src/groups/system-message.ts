import type { Database, Message } from '@confab/db';
import type { Transaction } from 'kysely';
import { newId } from '../lib/ids.js';
import type { Emit } from '../lib/transact.js';
import { insertMessage } from '../messages/insert-message.js';

export type GroupAction =
  | 'created'
  | 'added'
  | 'joined_via_link'
  | 'joined_by_invitation'
  | 'removed'
  | 'left'
  | 'promoted'
  | 'demoted'
  | 'owner_changed'
  | 'renamed'
  | 'description_changed'
  | 'image_changed'
  | 'image_removed'
  | 'permissions_changed'
  | 'deleted';

/** How many target ids a notice carries in meta.targetIds; meta.targetCount has the full count. */
export const MAX_NOTICE_TARGETS = 32;

export interface GroupNotice {
  action: GroupAction;
  actorId: string;
  targetIds?: string[];
  /** Action-specific details (new name, permissions…), kept in meta beside action/actorId/targetIds. */
  details?: Record<string, unknown>;
}

/**
 * Posts a `system` message describing a membership or settings change, with the chat's next
 * seq (the same insert as every message), and sends it to the current members. Clients render from `meta`; `text` is an English
 * rendering made now, for clients that do not know an action.
 */
export async function postNotice(trx: Transaction<Database>, emit: Emit, chatId: string, notice: GroupNotice, now: Date): Promise<Message> {
  const targetCount = notice.targetIds?.length ?? 0;
  // A notice travels to every member (and again as each new member's lastMessage): adding 1,000
  // people must not put 1,000 ids in each copy. Past the cap, clients show "and N others".
  const targetIds = (notice.targetIds ?? []).slice(0, MAX_NOTICE_TARGETS);
  const names = await namesOf(trx, [notice.actorId, ...targetIds]);
  const { message } = await insertMessage(trx, emit, {
    chatId,
    senderId: notice.actorId,
    clientId: `server:${newId()}`,
    content: {
      kind: 'system',
      text: render({ ...notice, targetIds }, targetCount, names),
      mediaId: null,
      meta: { ...notice.details, action: notice.action, actorId: notice.actorId, targetIds, targetCount },
    },
    replyToId: null,
    now,
    notice: true,
  });
  return message;
}

async function namesOf(trx: Transaction<Database>, ids: string[]): Promise<Map<string, string>> {
  const rows = await trx.selectFrom('users').select(['id', 'name', 'phone', 'deletedAt']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((u) => [u.id, u.deletedAt ? 'Deleted account' : u.name || u.phone || 'Someone']));
}

function render({ action, actorId, targetIds = [], details = {} }: GroupNotice, targetCount: number, names: Map<string, string>): string {
  const actor = names.get(actorId) ?? 'Someone';
  const targets = listOf(targetIds.map((id) => names.get(id) ?? 'someone'), targetCount);
  switch (action) {
    case 'created':
      return `${actor} created the group "${String(details.name ?? '')}"`;
    case 'added':
      return `${actor} added ${targets}`;
    case 'joined_via_link':
      return `${actor} joined using the group's invite link`;
    case 'joined_by_invitation':
      return `${actor} joined the group`;
    case 'removed':
      return `${actor} removed ${targets}`;
    case 'left':
      return `${actor} left`;
    case 'promoted':
      return `${targets} ${targetCount > 1 ? 'are' : 'is'} now an admin`;
    case 'demoted':
      return `${targets} ${targetCount > 1 ? 'are' : 'is'} no longer an admin`;
    case 'owner_changed':
      return `${targets} is now the group owner`;
    case 'renamed':
      return `${actor} changed the group name to "${String(details.name ?? '')}"`;
    case 'description_changed':
      return `${actor} changed the group description`;
    case 'image_changed':
      return `${actor} changed the group image`;
    case 'image_removed':
      return `${actor} removed the group image`;
    case 'permissions_changed':
      return `${actor} changed the group settings`;
    case 'deleted':
      return `${actor} deleted the group`;
  }
}

function listOf(names: string[], count: number): string {
  if (count > 5) return `${names.slice(0, 3).join(', ')} and ${count - 3} others`;
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
