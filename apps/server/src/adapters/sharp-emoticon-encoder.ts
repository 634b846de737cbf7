import { IMAGE_MAX_PIXELS } from '@confab/api/media/limits';
import { EmoticonRejected, type EmoticonEncoder } from '@confab/api/ports/emoticon-encoder';
import sharp from 'sharp';
import { withDecodeSlot } from '../http/media/decode-slots.js';

/** Emoticons are drawn at text size (and stickers a little larger): 128 px is plenty for both. */
export const EMOTICON_SIDE = 128;
/** An animated emoticon (WebP or GIF) keeps its frames, within this size once re-encoded. */
export const ANIMATED_EMOTICON_MAX_BYTES = 512 * 1024;
const STATIC_EMOTICON_MAX_BYTES = 128 * 1024;

/**
 * Re-encodes an upload into a WebP of at most 128×128 px. Only the new bytes are kept, so
 * whatever the upload carried besides the picture (metadata, trailing data) is gone.
 */
export function createSharpEmoticonEncoder(): EmoticonEncoder {
  return {
    async encode(path) {
      const meta = await sharp(path, { animated: true, limitInputPixels: IMAGE_MAX_PIXELS }).metadata().catch(() => {
        throw new EmoticonRejected('This image could not be read');
      });
      const animated = (meta.pages ?? 1) > 1;
      const { data, info } = await withDecodeSlot(() =>
        sharp(path, { animated, limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'error' })
          .rotate()
          .resize({ width: EMOTICON_SIDE, height: EMOTICON_SIDE, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82, effort: 4 })
          .toBuffer({ resolveWithObject: true }),
      ).catch(() => {
        throw new EmoticonRejected('This image could not be decoded');
      });
      const limit = animated ? ANIMATED_EMOTICON_MAX_BYTES : STATIC_EMOTICON_MAX_BYTES;
      if (data.length > limit) {
        throw new EmoticonRejected(`${animated ? 'Animated emoticons' : 'Emoticons'} are limited to ${limit / 1024} KB after resizing (this one is ${Math.ceil(data.length / 1024)} KB); use fewer frames or colours`);
      }
      // For an animation, sharp reports the whole strip's height; one frame is pageHeight.
      const height = animated ? (info.pageHeight ?? info.height) : info.height;
      return { bytes: data, mime: 'image/webp', width: info.width, height, animated };
    },
  };
}
