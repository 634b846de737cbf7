import type { Device } from '@confab/db';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { liveStreams } from '../devices/live-streams.js';
import { PushGoneError } from '../ports/push-sender.js';
import { loadSettings } from '../settings/settings.repo.js';
import type { AppendedEvents } from '../sync/event-log.js';
import type { StreamEntry } from '../sync/event-types.js';
import { snippetOf } from './notify.js';

/** What the service worker receives (decrypted) and shows. */
export interface PushPayload {
  title: string;
  body: string;
  /** The chat a click opens, when there is one. */
  chatId: string | null;
  /** Notifications of one chat replace each other. */
  tag: string;
}

interface Candidate {
  chatId: string | null;
  senderId: string;
  text: string | null;
  /** Already phrased ("Ana and 3 others reacted to your message"), for centre entries. */
  title?: string;
  category: 'messages' | 'groups' | 'stories' | 'reactions';
}

/** The events of a stream worth waking a closed app for. */
function candidates(userId: string, entries: readonly StreamEntry[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { event } of entries) {
    if (event.type === 'message.new' && event.message.senderId !== userId && event.message.kind !== 'system') {
      out.push({ chatId: event.message.chatId, senderId: event.message.senderId, text: event.message.text, category: 'messages' });
    } else if (event.type === 'notification' && (event.action === 'new' || event.action === 'updated')) {
      const n = event.notification;
      // Mentions, replies and story replies arrived as messages above.
      if (n.kind === 'reaction' || n.kind === 'group.invitation' || n.kind === 'missed.call') {
        const category = n.kind === 'reaction' ? 'reactions' : n.kind === 'group.invitation' ? 'groups' : 'messages';
        out.push({ chatId: n.chatId, senderId: n.actors[0]?.id ?? '', text: null, title: n.title, category });
      }
    }
  }
  return out;
}

/**
 * After a commit: for each recipient with news and a Web Push device that has no open stream,
 * sends one push per event (newest last), honouring their settings — a category turned off, a
 * muted chat and previews off (no text leaves the server) — and forgets devices whose
 * subscription the push service says is gone. Failures are logged; the events are stored anyway.
 */
export async function pushAppended(deps: Deps, appended: readonly AppendedEvents[]): Promise<void> {
  const push = deps.push;
  if (!push) return;
  const newsOf = new Map<string, Candidate[]>();
  for (const { userId, entries } of appended) {
    const news = candidates(userId, entries);
    if (news.length > 0) newsOf.set(userId, news);
  }
  if (newsOf.size === 0) return;
  // One read for every recipient of the commit (a group message has hundreds), not one each.
  const devicesOf = new Map<string, Device[]>();
  const rows = await deps.db
    .selectFrom('devices as d')
    .innerJoin('sessions as s', 's.id', 'd.sessionId')
    .selectAll('d')
    .where(sql<boolean>`d.user_id = any(${[...newsOf.keys()]}::text[])`)
    .where('d.kind', '=', 'webpush')
    .where('s.revokedAt', 'is', null)
    .execute();
  for (const device of rows) {
    if (liveStreams(deps).isLive(device.sessionId)) continue;
    const list = devicesOf.get(device.userId) ?? [];
    list.push(device);
    devicesOf.set(device.userId, list);
  }
  for (const [userId, devices] of devicesOf) {
    const news = newsOf.get(userId)!;
    const settings = await loadSettings(deps.db, userId);
    const now = deps.clock.now();
    for (const item of news) {
      const chat = item.chatId
        ? await deps.db
            .selectFrom('chats as c')
            .leftJoin('chatMembers as m', (j) => j.onRef('m.chatId', '=', 'c.id').on('m.userId', '=', userId))
            .select(['c.kind', 'c.name', 'm.mutedUntil'])
            .where('c.id', '=', item.chatId)
            .executeTakeFirst()
        : undefined;
      const category = item.category === 'messages' && chat?.kind === 'group' ? 'groups' : item.category;
      if (!settings.notifications[category]) continue;
      if (chat?.mutedUntil && new Date(chat.mutedUntil) > now) continue;
      const payload = await payloadFor(deps, item, chat, settings.notifications.preview);
      for (const device of devices) {
        try {
          await push.send({ endpoint: device.endpoint!, p256dh: device.p256dh!, auth: device.auth! }, JSON.stringify(payload));
          await deps.db.updateTable('devices').set({ lastPushAt: now }).where('id', '=', device.id).execute();
        } catch (error) {
          if (error instanceof PushGoneError) {
            await deps.db.deleteFrom('devices').where('id', '=', device.id).execute();
            deps.log.info({ event: 'push.device_gone', status: error.statusCode }, 'push subscription gone; device removed');
          } else {
            deps.log.warn({ err: error }, 'push failed');
          }
        }
      }
    }
  }
}

async function payloadFor(deps: Deps, item: Candidate, chat: { kind: string; name: string | null } | undefined, preview: boolean): Promise<PushPayload> {
  const tag = item.chatId ?? 'confab';
  if (!preview) return { title: 'Confab', body: item.title ? 'New notification' : 'New message', chatId: item.chatId, tag };
  if (item.title) return { title: item.title, body: '', chatId: item.chatId, tag };
  const sender = await deps.db.selectFrom('users').select('name').where('id', '=', item.senderId).executeTakeFirst();
  const name = sender?.name ?? 'Someone';
  const title = chat?.kind === 'group' ? `${name} @ ${chat.name ?? 'Group'}` : name;
  return { title, body: snippetOf(item.text) ?? 'Sent an attachment', chatId: item.chatId, tag };
}
