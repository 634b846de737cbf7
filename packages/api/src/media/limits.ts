import type { MediaKind } from '@confab/db';

/** Largest upload accepted per declared kind, in bytes. */
export const MEDIA_SIZE_LIMITS: Readonly<Record<MediaKind, number>> = {
  image: 16 * 1024 * 1024,
  video: 100 * 1024 * 1024,
  audio: 100 * 1024 * 1024,
  document: 100 * 1024 * 1024,
};

/** Total bytes one user may keep uploaded. */
export const MEDIA_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Decompression-bomb guard: refuse images whose pixels would not fit in sane memory. 50 MP
 * takes the largest phone-camera photos (8160×6120) and decodes in ~200 MB.
 */
export const IMAGE_MAX_SIDE = 16_384;
export const IMAGE_MAX_PIXELS = 50_000_000;

/** Longest side of an image preview. */
export const THUMB_MAX_SIDE = 320;

/** How long a signed media URL (for <img>/<video> tags, which cannot send headers) stays valid. */
export const SIGNED_URL_SECONDS = 5 * 60;

export const MEDIA_KINDS = ['image', 'video', 'audio', 'document'] as const satisfies readonly MediaKind[];

export function isMediaKind(value: unknown): value is MediaKind {
  return typeof value === 'string' && (MEDIA_KINDS as readonly string[]).includes(value);
}
