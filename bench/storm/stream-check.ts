/**
 * What one device's view of its user's event stream looks like, checked against the stream's
 * head in the store: every seq from 1 to the head exactly once, in order, is a clean stream.
 */
export interface StreamVerdict {
  /** Seqs between 1 and the head the device never received. */
  missing: number;
  /** Receipts of a seq the device already had. */
  duplicates: number;
  /** Receipts of a seq lower than one received before it (a duplicate or a late one). */
  outOfOrder: number;
  /** Received seqs beyond the head (an event the store does not know). */
  beyondHead: number;
}

export function checkStream(received: readonly number[], head: number): StreamVerdict {
  const seen = new Set<number>();
  let duplicates = 0;
  let outOfOrder = 0;
  let beyondHead = 0;
  let highest = 0;
  for (const seq of received) {
    if (seen.has(seq)) duplicates += 1;
    else if (seq < highest) outOfOrder += 1;
    if (seq > head) beyondHead += 1;
    seen.add(seq);
    highest = Math.max(highest, seq);
  }
  let missing = 0;
  for (let seq = 1; seq <= head; seq++) if (!seen.has(seq)) missing += 1;
  return { missing, duplicates, outOfOrder, beyondHead };
}

export const isClean = (v: StreamVerdict) => v.missing === 0 && v.duplicates === 0 && v.outOfOrder === 0 && v.beyondHead === 0;

/** Nearest-rank percentile of an unsorted list (null when empty). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
