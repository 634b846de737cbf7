/** Nearest-rank percentile of unsorted values (ms), rounded to 0.1 ms; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank]! * 10) / 10;
}

/** Arrival times gathered from every receiver process, merged by clientId. */
export class Arrivals {
  private readonly byClientId = new Map<string, number[]>();

  add(batch: Record<string, number[]>): void {
    for (const [clientId, times] of Object.entries(batch)) {
      const list = this.byClientId.get(clientId);
      if (list) list.push(...times);
      else this.byClientId.set(clientId, [...times]);
    }
  }

  count(clientId: string): number {
    return this.byClientId.get(clientId)?.length ?? 0;
  }

  times(clientId: string): number[] {
    return this.byClientId.get(clientId) ?? [];
  }
}
