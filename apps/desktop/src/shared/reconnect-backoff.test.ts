import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './reconnect-backoff.js';

describe('reconnect delays', () => {
  it('retries within a second at first and waits longer, up to 30 s, while attempts keep failing', () => {
    expect(reconnectDelayMs(0, () => 1)).toBe(1_000);
    expect(reconnectDelayMs(0, () => 0)).toBe(50);
    expect(reconnectDelayMs(3, () => 1)).toBe(8_000);
    expect(reconnectDelayMs(40, () => 1)).toBe(30_000);
    expect(reconnectDelayMs(40, () => 0)).toBeGreaterThan(0);
  });

  it('spreads a crowd that lost its sockets together over the whole window, not one burst', () => {
    // 5,000 clients dropped by a restart: how many come back in the busiest tenth of a second.
    const buckets = new Map<number, number>();
    for (let i = 0; i < 5_000; i++) {
      const bucket = Math.floor(reconnectDelayMs(0) / 100);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    expect(buckets.size).toBeGreaterThanOrEqual(9);
    expect(Math.max(...buckets.values())).toBeLessThan(1_000);
  });
});
