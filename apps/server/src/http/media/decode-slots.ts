/**
 * Images decoded at once by this process. A decode of a large photo holds up to 4 bytes per
 * pixel (200 MB at IMAGE_MAX_PIXELS) and every core libvips has; more at once only queues
 * inside libvips while holding their memory, so the rest wait here, in order.
 */
export const IMAGE_DECODES_AT_ONCE = 2;

let free = IMAGE_DECODES_AT_ONCE;
const waiting: (() => void)[] = [];

export async function withDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (free > 0) free -= 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or give it back.
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  }
}
