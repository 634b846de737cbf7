import type { MediaKind } from '@confab/db';

/** Control characters, bidi overrides and path separators never survive into a stored name. */
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F"\\/:*?<>|]/gu;
const MAX_NAME = 200;

/**
 * The client's `X-File-Name` (percent-encoded UTF-8, or plain ASCII), reduced to a harmless
 * display name. It is metadata only: storage paths come from the content hash.
 */
export function sanitizeFileName(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return null;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded: take it as given.
  }
  const base = decoded.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (!cleaned) return null;
  return [...cleaned].slice(0, MAX_NAME).join('');
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
};

export function downloadName(fileName: string | null, kind: MediaKind, mime: string, mediaId: string): string {
  if (fileName) return fileName;
  const ext = EXTENSIONS[mime] ?? 'bin';
  return `${kind}-${mediaId.slice(0, 8)}.${ext}`;
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name in filename*. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
