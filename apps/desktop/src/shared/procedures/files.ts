import { z } from 'zod';
import { local } from './declare.js';
import { id, MAX_UPLOAD_BYTES } from './bounds.js';

export interface UploadedFile {
  mediaId: string;
  kind: string;
  mime: string;
  size: number;
}

/** Attachments and pictures: a URL the page may show, and uploads of bytes the page holds. */
export const files = {
  /** A URL an <img> or <video> can load (app://… on the desktop, blob: on the web); null when unreadable now. */
  'files.url': local.query(z.object({ mediaId: id, variant: z.enum(['full', 'thumb']).optional() }).strict()).answers<string | null>(),
  'files.upload': local
    .mutation(
      z
        .object({
          bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_UPLOAD_BYTES, 'A file of 1 byte to 100 MB'),
          contentType: z.string().max(255),
          fileName: z.string().max(255).optional(),
          kind: z.enum(['image', 'video', 'audio', 'document']).optional(),
        })
        .strict(),
    )
    .answers<UploadedFile>(),
};
