import type { Database, Notification, NotificationKind } from '@confab/db';
import type { Kysely } from 'kysely';
import { callIdOfKey } from './call-notifications.js';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  chatId: string | null;
  messageId: string | null;
  storyId: string | null;
  invitationId: string | null;
  /** The most recent actors first (at most three), and how many there are in all. */
  actors: { id: string; name: string; avatarMediaId: string | null }[];
  actorCount: number;
  emoji: string | null;
  /** "Ana and 3 others reacted to your message". */
  title: string;
  /** An excerpt of the message, or null. */
  snippet: string | null;
  createdAt: string;
  read: boolean;
}

export const actorIdsOf = (row: Pick<Notification, 'actorIds'>): string[] =>
  (Array.isArray(row.actorIds) ? row.actorIds : typeof row.actorIds === 'string' ? JSON.parse(row.actorIds) : []) as string[];

/** What a missed call was, for its title ("Missed group video call from Ana"). */
interface CallKind {
  video: boolean;
  group: boolean;
}

function titleOf(kind: NotificationKind, names: string[], count: number, emoji: string | null, chatName: string | null, call: CallKind | undefined): string {
  const who = count <= 1 ? names[0]! : count === 2 ? `${names[0]} and ${names[1]}` : `${names[0]} and ${count - 1} others`;
  switch (kind) {
    case 'mention':
      return chatName ? `${who} mentioned you in ${chatName}` : `${who} mentioned you`;
    case 'reply':
      return `${who} replied to your message`;
    case 'reaction':
      return count === 1 && emoji ? `${who} reacted ${emoji} to your message` : `${who} reacted to your message`;
    case 'group.invitation':
      return `${who} invited you to ${chatName ?? 'a group'}`;
    case 'story.reply':
      return `${who} replied to your status`;
    case 'missed.call':
      return call ? `Missed ${call.group ? 'group ' : ''}${call.video ? 'video' : 'voice'} call from ${who}` : `Missed call from ${who}`;
  }
}

/** Views of notification rows, with the actors' current names and the chats' names. */
export async function toNotificationViews(db: Kysely<Database>, rows: readonly Notification[]): Promise<NotificationView[]> {
  const actorIds = [...new Set(rows.flatMap((r) => actorIdsOf(r).slice(0, 3)))];
  const chatIds = [...new Set(rows.map((r) => r.chatId).filter((id): id is string => id !== null))];
  const callIds = [...new Set(rows.map((r) => (r.kind === 'missed.call' ? callIdOfKey(r.groupKey) : null)).filter((id): id is string => id !== null))];
  const [users, chats, calls] = await Promise.all([
    actorIds.length ? db.selectFrom('users').select(['id', 'name', 'avatarMediaId', 'deletedAt']).where('id', 'in', actorIds).execute() : [],
    chatIds.length ? db.selectFrom('chats').select(['id', 'name', 'kind']).where('id', 'in', chatIds).execute() : [],
    callIds.length ? db.selectFrom('calls').select(['id', 'video']).where('id', 'in', callIds).execute() : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, { id: u.id, name: u.deletedAt ? 'Deleted account' : u.name, avatarMediaId: u.deletedAt ? null : u.avatarMediaId }]));
  const chatById = new Map(chats.map((c) => [c.id, c]));
  const videoByCall = new Map(calls.map((c) => [c.id, c.video]));
  return rows.map((row) => {
    const ids = actorIdsOf(row);
    const actors = ids.slice(0, 3).map((id) => userById.get(id) ?? { id, name: 'Someone', avatarMediaId: null });
    const chat = row.chatId ? chatById.get(row.chatId) : undefined;
    const chatName = chat?.kind === 'group' ? (chat.name ?? 'a group') : null;
    const callId = row.kind === 'missed.call' ? callIdOfKey(row.groupKey) : null;
    const video = callId ? videoByCall.get(callId) : undefined;
    const call = video === undefined ? undefined : { video, group: chat?.kind === 'group' };
    return {
      id: row.id,
      kind: row.kind,
      chatId: row.chatId,
      messageId: row.messageId,
      storyId: row.storyId,
      invitationId: row.invitationId,
      actors,
      actorCount: ids.length,
      emoji: row.emoji,
      title: titleOf(row.kind, actors.map((a) => a.name), ids.length, row.emoji, chatName, call),
      snippet: row.snippet,
      createdAt: new Date(row.updatedAt).toISOString(),
      read: row.readAt !== null,
    };
  });
}
