import type { MediaKind } from '../../lib/backend';

/** What a picked file is sent as: photos, videos and audio by type, anything else as a file. */
export function mediaKindOf(file: { type: string }): MediaKind {
  if (/^image\/(png|jpeg|gif|webp|avif)$/.test(file.type)) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  return 'document';
}
