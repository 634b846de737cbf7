import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A real PNG photo-like image of the given size (for uploads in tests). */
export async function pngImage(width: number, height: number, color = '#3366ff'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
}

/** A drawn picture (a smiling face or a star on a transparent background), as someone makes an emoticon from. */
export async function drawingPng(shape: 'face' | 'star', side = 400): Promise<Buffer> {
  const body =
    shape === 'face'
      ? '<circle cx="50" cy="50" r="46" fill="#ffcc33" stroke="#e0a800" stroke-width="3"/><circle cx="35" cy="40" r="6" fill="#333"/><circle cx="65" cy="40" r="6" fill="#333"/><path d="M28 60 Q50 82 72 60" stroke="#333" stroke-width="6" fill="none" stroke-linecap="round"/>'
      : '<polygon points="50,4 62,38 98,38 69,60 80,95 50,74 20,95 31,60 2,38 38,38" fill="#3b82f6" stroke="#1d4ed8" stroke-width="3"/>';
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 100 100">${body}</svg>`)).png().toBuffer();
}

/**
 * A valid, tiny PNG of a huge solid image (1-bit greyscale, all zero rows deflated to a few
 * KB): the shape of a decompression bomb. Built by hand because encoding 400 MP with sharp
 * takes seconds.
 */
export function solidPngOfSize(width: number, height: number): Buffer {
  const rowBytes = 1 + Math.ceil(width / 8);
  const raw = Buffer.alloc(rowBytes * height); // filter byte 0 + black pixels, all zeros
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
