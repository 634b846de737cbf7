import type { ChatView } from '@confab/api';
import type { Database } from 'better-sqlite3';

export interface ChatRow {
  no: number;
  id: string;
  kind: 'direct' | 'group';
  title: string;
  description: string | null;
  avatar_media_id: string | null;
  peer_id: string | null;
  role: string;
  read_only: number;
  created_at: string;
  last_activity_at: string;
  last_seq: number;
  last_read_seq: number;
  unread_count: number;
  muted_until: string | null;
  hidden: number;
  disappearing_seconds: number | null;
  theme: string | null;
  background: string | null;
  complete_from_seq: number | null;
  placeholder: number;
  pinned_at: string | null;
  archived_seq: number | null;
  message_request: number;
  /** JSON array of my labels on the chat. */
  labels: string;
}

/** What writing a message needs of its chat: a few columns instead of every one (a hot path). */
export type ChatPosition = Pick<ChatRow, 'no' | 'id' | 'last_seq' | 'last_read_seq' | 'unread_count' | 'complete_from_seq'>;

function prepare(db: Database) {
  return {
    byId: db.prepare('SELECT * FROM chats WHERE id = ?'),
    position: db.prepare('SELECT no, id, last_seq, last_read_seq, unread_count, complete_from_seq FROM chats WHERE id = ?'),
    all: db.prepare('SELECT * FROM chats WHERE hidden = 0 OR @includeHidden ORDER BY last_activity_at DESC, id'),
    ids: db.prepare('SELECT id FROM chats').pluck(),
    placeholder: db.prepare(
      `INSERT INTO chats (id, kind, title, created_at, last_activity_at, placeholder)
       VALUES (?, 'direct', 'New chat', ?, ?, 1) ON CONFLICT (id) DO NOTHING`,
    ),
    placeholders: db.prepare('SELECT id FROM chats WHERE placeholder = 1').pluck(),
    upsertView: db.prepare(`
      INSERT INTO chats (id, kind, title, description, avatar_media_id, peer_id, role, read_only, created_at,
        last_activity_at, last_seq, last_read_seq, unread_count, muted_until, hidden, disappearing_seconds, theme, background, placeholder,
        pinned_at, archived_seq, message_request, labels)
      VALUES (@id, @kind, @title, @description, @avatar_media_id, @peer_id, @role, @read_only, @created_at,
        @last_activity_at, @last_seq, @last_read_seq, @unread_count, @muted_until, @hidden, @disappearing_seconds, @theme, @background, 0,
        @pinned_at, @archived_seq, @message_request, @labels)
      ON CONFLICT (id) DO UPDATE SET
        kind = excluded.kind, title = excluded.title, description = excluded.description,
        avatar_media_id = excluded.avatar_media_id, peer_id = excluded.peer_id, role = excluded.role,
        read_only = excluded.read_only, created_at = excluded.created_at,
        last_activity_at = max(last_activity_at, excluded.last_activity_at),
        -- A view older than what the cache knows (a replayed event) must not undo newer counts.
        unread_count = CASE WHEN excluded.last_seq >= last_seq AND excluded.last_read_seq >= last_read_seq
                            THEN excluded.unread_count ELSE unread_count END,
        last_seq = max(last_seq, excluded.last_seq),
        last_read_seq = max(last_read_seq, excluded.last_read_seq),
        muted_until = excluded.muted_until, hidden = excluded.hidden,
        disappearing_seconds = excluded.disappearing_seconds, theme = excluded.theme,
        background = excluded.background, placeholder = 0,
        pinned_at = excluded.pinned_at, archived_seq = excluded.archived_seq,
        message_request = excluded.message_request, labels = excluded.labels`),
    onMessage: db.prepare(
      `UPDATE chats SET last_activity_at = max(last_activity_at, @at), last_seq = max(last_seq, @seq),
         unread_count = unread_count + @unread, hidden = 0 WHERE id = @id`,
    ),
    touch: db.prepare('UPDATE chats SET last_activity_at = max(last_activity_at, ?), hidden = 0 WHERE id = ?'),
    setRead: db.prepare('UPDATE chats SET last_read_seq = @seq, unread_count = @unread WHERE id = @id'),
    setUnread: db.prepare('UPDATE chats SET unread_count = ? WHERE id = ?'),
    setReadOnly: db.prepare('UPDATE chats SET read_only = 1 WHERE id = ?'),
    applyGroup: db.prepare(
      `UPDATE chats SET title = @name, description = @description, avatar_media_id = @avatarMediaId,
         read_only = CASE WHEN @deleted THEN 1 ELSE read_only END
       WHERE id = @id AND kind = 'group'`,
    ),
    setComplete: db.prepare('UPDATE chats SET complete_from_seq = ? WHERE id = ?'),
    retitlePeer: db.prepare(`UPDATE chats SET title = ?, avatar_media_id = ? WHERE kind = 'direct' AND peer_id = ?`),
  };
}

/** The chat list. Counts only move forward; a view from the server replaces the rest. */
export class ChatsRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.s = prepare(db);
  }

  get(chatId: string): ChatRow | undefined {
    return this.s.byId.get(chatId) as ChatRow | undefined;
  }

  list(includeHidden: boolean): ChatRow[] {
    return this.s.all.all({ includeHidden: includeHidden ? 1 : 0 }) as ChatRow[];
  }

  ids(): string[] {
    return this.s.ids.all() as string[];
  }

  placeholders(): string[] {
    return this.s.placeholders.all() as string[];
  }

  /** The chat's row, made as a placeholder when an event names a chat the cache has not seen. */
  ensure(chatId: string, now: string): { row: ChatPosition; created: boolean } {
    const known = this.s.position.get(chatId) as ChatPosition | undefined;
    if (known) return { row: known, created: false };
    this.s.placeholder.run(chatId, now, now);
    return { row: this.s.position.get(chatId) as ChatPosition, created: true };
  }

  upsertView(view: ChatView): ChatRow {
    this.s.upsertView.run({
      id: view.id,
      kind: view.kind,
      title: view.title,
      description: view.description,
      avatar_media_id: view.avatarMediaId,
      peer_id: view.peer?.id ?? null,
      role: view.role,
      read_only: view.readOnly ? 1 : 0,
      created_at: view.createdAt,
      last_activity_at: view.lastMessage?.createdAt ?? view.createdAt,
      last_seq: view.lastSeq,
      last_read_seq: view.lastReadSeq,
      unread_count: view.unreadCount,
      muted_until: view.mutedUntil,
      hidden: view.hidden ? 1 : 0,
      disappearing_seconds: view.disappearingSeconds,
      theme: view.theme,
      background: view.background,
      pinned_at: view.pinnedAt ?? null,
      archived_seq: view.archivedSeq ?? null,
      message_request: view.messageRequest ? 1 : 0,
      labels: JSON.stringify(view.labels ?? []),
    });
    return this.get(view.id)!;
  }

  /** A message arrived: the chat moves up, reappears if hidden, and may gain an unread. */
  noteMessage(chatId: string, seq: number, createdAt: string, unread: boolean): void {
    this.s.onMessage.run({ id: chatId, seq, at: createdAt, unread: unread ? 1 : 0 });
  }

  /** Something was written here locally: the chat moves to the top. */
  touch(chatId: string, at: string): void {
    this.s.touch.run(at, chatId);
  }

  setRead(chatId: string, seq: number, unread: number): void {
    this.s.setRead.run({ id: chatId, seq, unread: Math.max(0, unread) });
  }

  setUnread(chatId: string, unread: number): void {
    this.s.setUnread.run(Math.max(0, unread), chatId);
  }

  setReadOnly(chatId: string): void {
    this.s.setReadOnly.run(chatId);
  }

  /** A group's new name, description and image; a deleted group stays, read-only. */
  applyGroup(group: { id: string; name: string; description: string | null; avatarMediaId: string | null; deleted: boolean }): void {
    this.s.applyGroup.run({ id: group.id, name: group.name, description: group.description, avatarMediaId: group.avatarMediaId, deleted: group.deleted ? 1 : 0 });
  }

  setCompleteFrom(chatId: string, seq: number | null): void {
    this.s.setComplete.run(seq, chatId);
  }

  retitlePeer(userId: string, name: string, avatarMediaId: string | null): void {
    this.s.retitlePeer.run(name, avatarMediaId, userId);
  }
}
