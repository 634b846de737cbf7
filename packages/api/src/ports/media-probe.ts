import type { MediaKind } from '@confab/db';

export interface ProbedMedia {
  durationMs: number | null;
  width: number | null;
  height: number | null;
  /** A small still of a video, ready to serve as its thumbnail, or null. */
  poster: { bytes: Buffer; mime: string } | null;
}

/** Reads what an upload's bytes say about a video or audio file (duration, size, a poster frame). */
export interface MediaProbe {
  probe(path: string, kind: MediaKind): Promise<ProbedMedia>;
}
