import { IMAGE_MAX_PIXELS, IMAGE_MAX_SIDE, THUMB_MAX_SIDE } from '@confab/api/media/limits';
import type { MediaKind } from '@confab/db';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { withDecodeSlot } from './decode-slots.js';
import { mediaError } from './respond.js';

/** Formats every browser shows and sharp decodes; anything else can still be sent as a document. */
const IMAGE_MIMES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
/** Audio is often carried in a container file-type names as video (voice notes in WebM). */
const AUDIO_CONTAINERS: Record<string, string> = { 'video/webm': 'audio/webm', 'video/ogg': 'audio/ogg', 'video/mp4': 'audio/mp4' };

export interface Inspected {
  kind: MediaKind;
  mime: string;
  width: number | null;
  height: number | null;
  /** An image's preview (WebP), for the caller to store with the upload. */
  thumb: Buffer | null;
  thumbMime: string | null;
}

/**
 * Decides what a stored upload really is from its bytes (never from the client's
 * Content-Type) and checks it matches the declared kind. Images are measured from their
 * header before any decoding, so a decompression bomb is refused cheaply, then get a preview.
 */
export async function inspectUpload(path: string, declared: MediaKind): Promise<Inspected> {
  const sniffed = (await fileTypeFromFile(path))?.mime;
  const plain = { width: null, height: null, thumb: null, thumbMime: null };
  switch (declared) {
    case 'image':
      if (!sniffed || !IMAGE_MIMES.has(sniffed)) throw mediaError.unsupported('This file is not an image in a supported format (JPEG, PNG, GIF, WebP, AVIF)');
      return { kind: 'image', mime: sniffed, ...(await inspectImage(path)) };
    case 'video':
      if (!sniffed?.startsWith('video/')) throw mediaError.unsupported('This file is not a video');
      return { kind: 'video', mime: sniffed, ...plain };
    case 'audio': {
      const mime = sniffed?.startsWith('audio/') ? sniffed : sniffed ? AUDIO_CONTAINERS[sniffed] : undefined;
      if (!mime) throw mediaError.unsupported('This file is not audio');
      return { kind: 'audio', mime, ...plain };
    }
    case 'document':
      return { kind: 'document', mime: sniffed ?? 'application/octet-stream', ...plain };
  }
}

async function inspectImage(path: string) {
  // Header only: no pixels are decoded here, whatever the dimensions claim.
  const meta = await sharp(path, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw mediaError.unsupported('This image could not be read');
    });
  const { width, height } = meta.autoOrient ?? meta;
  if (!width || !height) throw mediaError.unsupported('This image could not be read');
  if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE || width * height > IMAGE_MAX_PIXELS) {
    throw mediaError.badRequest(`Images may be at most ${IMAGE_MAX_SIDE} px on a side and ${IMAGE_MAX_PIXELS / 1_000_000} megapixels (this one is ${width}×${height})`);
  }
  const thumb = await withDecodeSlot(() =>
    sharp(path, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer(),
  ).catch(() => {
    throw mediaError.unsupported('This image could not be decoded');
  });
  return { width, height, thumb, thumbMime: 'image/webp' };
}
