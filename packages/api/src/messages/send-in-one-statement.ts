import type { Message } from '@confab/db';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { isCoalescing, publishAppended } from '../lib/transact.js';
import type { SyncEvent } from '../sync/event-types.js';
import { toMessageView, type MessageView } from './message-view.js';
import { findMessage, messageViews } from './messages.repo.js';

export interface PlainText {
  chatId: string;
  senderId: string;
  clientId: string;
  text: string;
}

interface Row {
  status: 'sent' | 'duplicate' | 'not_found' | 'left' | 'deleted' | 'blocked' | 'admins_only' | 'general';
  messageId: string | null;
  seq: number | null;
  expiresAt: Date | null;
  streamUsers: string[] | null;
  streamSeqs: (number | string)[] | null;
  chatNum: number | null;
  chatSeq: number | string | null;
}

/**
 * The hot path of `messages.send`: a plain text message (no quote, no mentions) stored with a
 * single statement, `confab_send_message` (migration 0011), which applies the general path's
 * rules in the same order under the chat's lock and appends the event to every member's stream
 * (a group's: once, to the chat's stream).
 * Returns null when the send needs the general path (nothing was changed then).
 *
 * Only for a chat with no other send under way: sends that reach a busy chat together are
 * better stored together (`transactCoalesced`, one pass over a big group's streams per batch),
 * and one chat then holds at most one pooled connection waiting on its row lock.
 */
export async function sendPlainText(deps: Deps, m: PlainText): Promise<MessageView | null> {
  if (inFlight.has(m.chatId) || isCoalescing(deps, `chat:${m.chatId}`)) return null;
  inFlight.add(m.chatId);
  try {
    return await store(deps, m);
  } finally {
    inFlight.delete(m.chatId);
  }
}

/** Chats with a one-statement send under way (chat ids are unique across servers). */
const inFlight = new Set<string>();

async function store(deps: Deps, m: PlainText): Promise<MessageView | null> {
  const now = deps.clock.now();
  const draft: Message = {
    id: newId(), chatId: m.chatId, seq: 0, senderId: m.senderId, clientId: m.clientId, kind: 'text', text: m.text,
    mediaId: null, replyToId: null, meta: null, createdAt: now, editedAt: null, deletedAt: null, expiresAt: null,
  };
  const view = toMessageView(draft);
  const event: SyncEvent = { type: 'message.new', message: view };
  const result = await sql<Row>`select * from confab_send_message(${m.chatId}, ${m.senderId}, ${m.clientId}, ${draft.id},
    ${'text'}, ${m.text}, ${null}::text, ${null}::jsonb, ${now}::timestamptz, ${JSON.stringify(event)}::jsonb)`.execute(deps.db);
  const row = result.rows[0]!;
  switch (row.status) {
    case 'sent':
      break;
    case 'duplicate': {
      const earlier = await findMessage(deps.db, row.messageId!);
      return (await messageViews(deps.db, [earlier!], now))[0]!;
    }
    case 'not_found':
      throw fail.notFound('Chat');
    case 'left':
      throw fail.forbidden('You are no longer a member of this chat');
    case 'deleted':
      throw fail.forbidden('This group was deleted');
    case 'blocked':
      throw fail.forbidden('You cannot message this contact');
    case 'admins_only':
      throw fail.forbidden('Only admins can send messages in this group');
    case 'general':
      return null;
  }
  view.seq = Number(row.seq);
  view.expiresAt = row.expiresAt === null ? null : new Date(row.expiresAt).toISOString();
  const users = row.streamUsers ?? [];
  if (row.chatNum !== null) {
    // A group's message: one entry in the chat's stream, for all its members.
    await publishAppended(deps, { users: [], chats: [{ chatId: m.chatId, chatNum: row.chatNum, entries: [{ seq: Number(row.chatSeq), event, recipients: users }] }], opened: [] });
    return view;
  }
  const seqs = row.streamSeqs ?? [];
  await publishAppended(deps, { users: users.map((userId, i) => ({ userId, entries: [{ seq: Number(seqs[i]), event }] })), chats: [], opened: [] });
  return view;
}
