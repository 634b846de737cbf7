import type { Database } from 'better-sqlite3';

export interface MediaInfo {
  id: string;
  chatId: string;
  messageId: string;
  kind: string;
  mime: string | null;
  size: number | null;
  name: string | null;
  /** Where the downloaded file is, so it can be shown offline; null until downloaded. */
  localPath: string | null;
  downloadedAt: string | null;
}

interface MediaRow {
  id: string;
  chat_id: string;
  message_id: string;
  kind: string;
  mime: string | null;
  size: number | null;
  name: string | null;
  local_path: string | null;
  downloaded_at: string | null;
}

function prepare(db: Database) {
  return {
    get: db.prepare('SELECT * FROM media WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO media (id, chat_id, message_id, kind, mime, size, name) VALUES (@id, @chat_id, @message_id, @kind, @mime, @size, @name)
       ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, message_id = excluded.message_id, kind = excluded.kind,
         mime = coalesce(excluded.mime, mime), size = coalesce(excluded.size, size), name = coalesce(excluded.name, name)`,
    ),
    downloaded: db.prepare('UPDATE media SET local_path = ?, downloaded_at = ?, mime = coalesce(mime, ?) WHERE id = ?'),
    picture: db.prepare(`INSERT INTO media (id, chat_id, message_id, kind) VALUES (?, '', '', 'picture') ON CONFLICT (id) DO NOTHING`),
    remove: db.prepare('DELETE FROM media WHERE id IN (?, ?) RETURNING local_path').pluck(),
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** What the cache knows about attachments, and which of them are already on disk. */
export class MediaRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.s = prepare(db);
  }

  get(mediaId: string): MediaInfo | null {
    const row = this.s.get.get(mediaId) as MediaRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      chatId: row.chat_id,
      messageId: row.message_id,
      kind: row.kind,
      mime: row.mime,
      size: row.size,
      name: row.name,
      localPath: row.local_path,
      downloadedAt: row.downloaded_at,
    };
  }

  /**
   * A picture that belongs to no message the cache holds (a profile photo, a group image, a
   * chat wallpaper): kept like an attachment, so it shows offline too. Ids are immutable on the
   * server (a new photo is a new id), so a downloaded copy never goes stale.
   */
  notePicture(mediaId: string): MediaInfo {
    this.s.picture.run(mediaId);
    return this.get(mediaId)!;
  }

  /** From a message: kind from the message, details from its meta when the server sends them. */
  noteFromMessage(message: { id: string; chat_id: string; kind: string; media_id: string | null; meta: string | null }): void {
    if (!message.media_id) return;
    const meta = message.meta ? (JSON.parse(message.meta) as Record<string, unknown>) : {};
    this.s.upsert.run({
      id: message.media_id,
      chat_id: message.chat_id,
      message_id: message.id,
      kind: message.kind,
      mime: text(meta.mime) ?? text(meta.mimeType),
      size: number(meta.size),
      name: text(meta.fileName) ?? text(meta.name),
    });
  }

  /** `mime`: what the server said the file is, kept where the cache did not know yet (pictures, previews). */
  markDownloaded(mediaId: string, localPath: string, at: string, mime: string | null = null): void {
    this.s.downloaded.run(localPath, at, mime, mediaId);
  }

  /** Forgets an attachment and its preview; returns the local files to delete. */
  remove(mediaId: string): string[] {
    return (this.s.remove.all(mediaId, previewKey(mediaId)) as (string | null)[]).filter((path): path is string => path !== null);
  }
}

export type MediaVariant = 'full' | 'thumb';

/** The cache's key for a file's preview (the server's /media/:id/thumb: an image's small copy, a video's poster). */
export const previewKey = (mediaId: string): string => `${mediaId}/thumb`;
export const cacheKeyOf = (mediaId: string, variant: MediaVariant): string => (variant === 'thumb' ? previewKey(mediaId) : mediaId);
