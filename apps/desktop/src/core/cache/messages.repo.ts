import type { MessageView } from '@confab/api';
import type { Database } from 'better-sqlite3';
import { localMessageId, rowFromView, type MessageRow } from './message-row.js';
import type { SearchIndexer } from './search/indexer.js';
import { TimeKeys } from './time-key.js';

export interface UpsertOptions {
  onlyIfNew?: boolean;
  authoritative?: boolean;
}

export type UpsertOutcome = 'inserted' | 'confirmed' | 'updated' | 'unchanged';

export interface PendingInput {
  chatId: string;
  chatNo: number;
  clientId: string;
  senderId: string;
  text: string;
  replyToId: string | null;
  createdAt: string;
}

const COLUMNS = ['id', 'chat_id', 'seq', 'sender_id', 'client_id', 'kind', 'text', 'media_id', 'reply_to_id', 'meta', 'created_at', 'edited_at', 'deleted_at', 'expires_at', 'reactions', 'status'] as const;

/**
 * Message rows and their search entries, always changed together. Writes from the server are
 * idempotent, and a server view never moves a message backwards: a deleted message stays
 * deleted and an older edit does not replace a newer one.
 */
export class MessagesRepo {
  private readonly keys: TimeKeys;
  private readonly s: ReturnType<typeof prepare>;

  constructor(
    db: Database,
    private readonly indexer: SearchIndexer,
  ) {
    this.keys = new TimeKeys(db);
    this.s = prepare(db);
  }

  byId(id: string): MessageRow | undefined {
    return this.s.byId.get(id) as MessageRow | undefined;
  }

  byClientId(chatId: string, senderId: string, clientId: string): MessageRow | undefined {
    return this.s.byClientId.get(chatId, senderId, clientId) as MessageRow | undefined;
  }

  bySeq(chatId: string, seq: number): MessageRow | undefined {
    return this.s.bySeq.get(chatId, seq) as MessageRow | undefined;
  }

  byTks(tks: readonly number[]): MessageRow[] {
    return this.s.byTks.all(JSON.stringify(tks)) as MessageRow[];
  }

  /** Messages whose `meta.emoticons[shortcut]` is this emoticon (a scan: only when one is deleted). */
  carryingEmoticon(shortcut: string, emoticonId: string): MessageRow[] {
    return this.s.carryingEmoticon.all(`$.emoticons.${JSON.stringify(shortcut)}.emoticonId`, emoticonId) as MessageRow[];
  }

  /** Messages with a reaction drawing this custom emoticon. */
  reactingWithEmoticon(emoticonId: string): MessageRow[] {
    return this.s.reactingWithEmoticon.all(emoticonId) as MessageRow[];
  }

  /**
   * Stores a server view. A pending row with the same clientId becomes the real message
   * ('confirmed'). With `onlyIfNew`, an existing real message is left as it is (a replayed
   * message.new carries the message as it was when sent). With `authoritative`, the view
   * replaces the row even if it looks older (undoing a refused optimistic change).
   */
  upsertView(view: MessageView, chatNo: number, options: UpsertOptions = {}): { outcome: UpsertOutcome; before: MessageRow | undefined; row: MessageRow } {
    const existing = this.byId(view.id) ?? this.byClientId(view.chatId, view.senderId, view.clientId);
    const fresh = { ...rowFromView(view), status: 'sent' as const };
    if (!existing) {
      const row = { ...fresh, tk: this.keys.allocate(view.createdAt) };
      this.insertRow(row, chatNo);
      return { outcome: 'inserted', before: undefined, row };
    }
    const confirming = existing.status !== 'sent';
    if (!confirming && options.onlyIfNew) return { outcome: 'unchanged', before: existing, row: existing };

    const next: MessageRow = { ...fresh, tk: existing.tk };
    if (!confirming && !options.authoritative) keepNewest(existing, next);
    if (sameRow(existing, next)) return { outcome: 'unchanged', before: existing, row: existing };
    if (!TimeKeys.matches(existing.tk, next.created_at)) {
      // The server's time replaces the local one: the row moves to its place in time order.
      this.removeRow(existing);
      next.tk = this.keys.allocate(next.created_at);
      this.insertRow(next, chatNo);
    } else {
      this.s.update.run(next);
      if (existing.text !== next.text) {
        this.indexer.unindex(existing.tk, existing.text);
        this.indexer.index(next.tk, chatNo, next.text);
      }
    }
    return { outcome: confirming ? 'confirmed' : 'updated', before: existing, row: next };
  }

  insertPending(input: PendingInput): MessageRow {
    const row: MessageRow = {
      tk: this.keys.allocate(input.createdAt),
      id: localMessageId(input.clientId),
      chat_id: input.chatId,
      seq: null,
      sender_id: input.senderId,
      client_id: input.clientId,
      kind: 'text',
      text: input.text,
      media_id: null,
      reply_to_id: input.replyToId,
      meta: null,
      created_at: input.createdAt,
      edited_at: null,
      deleted_at: null,
      expires_at: null,
      reactions: '[]',
      status: 'pending',
    };
    this.insertRow(row, input.chatNo);
    return row;
  }

  /** Local changes (optimistic edits, reactions, status): the row is rewritten as given. */
  replace(before: MessageRow, after: MessageRow, chatNo: number): void {
    this.s.update.run(after);
    if (before.text !== after.text) {
      this.indexer.unindex(before.tk, before.text);
      this.indexer.index(after.tk, chatNo, after.text);
    }
  }

  /** Deleted for everyone: the placeholder keeps its place, nothing of its content. */
  blank(row: MessageRow, deletedAt: string): MessageRow {
    const next: MessageRow = { ...row, text: null, media_id: null, meta: null, reactions: '[]', deleted_at: row.deleted_at ?? deletedAt };
    this.s.update.run(next);
    this.indexer.unindex(row.tk, row.text);
    return next;
  }

  removeRow(row: MessageRow): void {
    this.indexer.unindex(row.tk, row.text);
    this.s.delete.run(row.tk);
  }

  pageBefore(chatId: string, before: number, from: number, limit: number, now: string): MessageRow[] {
    return (this.s.before.all({ chatId, before, from, limit, now }) as MessageRow[]).reverse();
  }

  unsent(chatId: string): MessageRow[] {
    return this.s.unsent.all(chatId) as MessageRow[];
  }

  inSeqRange(chatId: string, from: number, to: number): MessageRow[] {
    return this.s.inSeqRange.all(chatId, from, to) as MessageRow[];
  }

  maxSeq(chatId: string): number | null {
    return (this.s.maxSeq.get(chatId) as number | null) ?? null;
  }

  newest(chatId: string, now: string): MessageRow | undefined {
    return (this.s.newestUnsent.get(chatId) ?? this.s.newestSent.get(chatId, now)) as MessageRow | undefined;
  }

  expired(now: string): MessageRow[] {
    return this.s.expired.all(now) as MessageRow[];
  }

  /** Unread-relevant messages from others with from < seq <= to (what the server counts). */
  countFromOthers(chatId: string, from: number, to: number, me: string): number {
    return this.s.countFromOthers.get(chatId, from, to, me) as number;
  }

  private insertRow(row: MessageRow, chatNo: number): void {
    this.s.insert.run(row);
    this.indexer.index(row.tk, chatNo, row.text);
  }
}

function prepare(db: Database) {
  return {
    byId: db.prepare('SELECT * FROM messages WHERE id = ?'),
    byClientId: db.prepare('SELECT * FROM messages WHERE chat_id = ? AND sender_id = ? AND client_id = ?'),
    bySeq: db.prepare('SELECT * FROM messages WHERE chat_id = ? AND seq = ?'),
    insert: db.prepare(`INSERT INTO messages (tk, ${COLUMNS.join(', ')}) VALUES (@tk, ${COLUMNS.map((c) => `@${c}`).join(', ')})`),
    update: db.prepare(`UPDATE messages SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE tk = @tk`),
    delete: db.prepare('DELETE FROM messages WHERE tk = ?'),
    before: db.prepare(
      `SELECT * FROM messages WHERE chat_id = @chatId AND seq IS NOT NULL AND seq >= @from AND seq < @before
         AND (expires_at IS NULL OR expires_at > @now) ORDER BY seq DESC LIMIT @limit`,
    ),
    unsent: db.prepare('SELECT * FROM messages WHERE chat_id = ? AND seq IS NULL ORDER BY tk'),
    inSeqRange: db.prepare('SELECT * FROM messages WHERE chat_id = ? AND seq >= ? AND seq <= ?'),
    maxSeq: db.prepare('SELECT max(seq) FROM messages WHERE chat_id = ? AND seq IS NOT NULL').pluck(),
    newestSent: db.prepare('SELECT * FROM messages WHERE chat_id = ? AND seq IS NOT NULL AND (expires_at IS NULL OR expires_at > ?) ORDER BY seq DESC LIMIT 1'),
    newestUnsent: db.prepare('SELECT * FROM messages WHERE chat_id = ? AND seq IS NULL ORDER BY tk DESC LIMIT 1'),
    expired: db.prepare('SELECT * FROM messages WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    countFromOthers: db.prepare(
      `SELECT count(*) FROM messages WHERE chat_id = ? AND seq > ? AND seq <= ? AND sender_id != ?
         AND deleted_at IS NULL AND kind != 'system'`,
    ).pluck(),
    byTks: db.prepare('SELECT * FROM messages WHERE tk IN (SELECT value FROM json_each(?))'),
    carryingEmoticon: db.prepare("SELECT * FROM messages WHERE meta IS NOT NULL AND json_valid(meta) AND json_extract(meta, ?) = ?"),
    // The LIKE skips parsing the (many) rows without an emoticon reaction.
    reactingWithEmoticon: db.prepare(
      `SELECT * FROM messages WHERE reactions LIKE '%"emoticonId"%' AND json_valid(reactions)
         AND EXISTS (SELECT 1 FROM json_each(reactions) WHERE json_extract(value, '$.emoticon.emoticonId') = ?)`,
    ),
  };
}

function keepNewest(existing: MessageRow, next: MessageRow): void {
  if (existing.deleted_at !== null && next.deleted_at === null) {
    Object.assign(next, { deleted_at: existing.deleted_at, text: null, media_id: null, meta: null, reactions: '[]' });
    return;
  }
  if (existing.edited_at !== null && (next.edited_at === null || next.edited_at < existing.edited_at)) {
    next.text = existing.text;
    next.edited_at = existing.edited_at;
  }
}

function sameRow(a: MessageRow, b: MessageRow): boolean {
  return COLUMNS.every((c) => a[c] === b[c]) && a.tk === b.tk;
}
