/** Reconnect delays: 0.5 s doubling to 30 s, with ±20 % jitter so clients do not stampede. */
export function defaultRetryDelayMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
