import * as hdr from 'hdr-histogram-js';

/**
 * What happened to each message planned in one step of the ramp. Message i of a step is
 * planned at start + i / rate; its clientId is `b<step>.<i>`, so a receipt finds its record.
 */
export class StepRecords {
  readonly planned: Float64Array;
  /** 1 sent, 2 acknowledged, 3 failed; 0 not sent (yet, or skipped). */
  readonly state: Uint8Array;
  readonly received: Uint8Array;
  /** Latency at the other member, planned send → receipt, in microseconds. */
  readonly latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
  sent = 0;
  /** Not sent because too many sends were already waiting for an answer (--max-inflight). */
  skipped = 0;
  acks = 0;
  acksInWindow = 0;
  errors = 0;
  readonly errorCodes = new Map<string, number>();
  receipts = 0;
  duplicates = 0;
  windowOpen = true;
  /** Its line was printed; later receipts count as late. */
  reported = false;

  constructor(
    readonly step: number,
    readonly rate: number,
    readonly count: number,
  ) {
    this.planned = new Float64Array(count);
    this.state = new Uint8Array(count);
    this.received = new Uint8Array(count);
  }

  clientId(i: number): string {
    return `b${this.step}.${i}`;
  }

  onSent(i: number): void {
    this.state[i] = 1;
    this.sent += 1;
  }

  onAck(i: number): void {
    this.state[i] = 2;
    this.acks += 1;
    if (this.windowOpen) this.acksInWindow += 1;
  }

  onError(i: number, error: unknown): void {
    this.state[i] = 3;
    this.errors += 1;
    const code = (error as { data?: { code?: string } }).data?.code ?? (error as Error).message?.slice(0, 60) ?? 'unknown';
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }

  /** The other member of the chat got message i at `now` (performance.now() ms). */
  onReceipt(i: number, now: number): void {
    if (this.received[i]) {
      this.duplicates += 1;
      return;
    }
    this.received[i] = 1;
    this.receipts += 1;
    this.latency.recordValue(Math.max(1, Math.round((now - this.planned[i]!) * 1000)));
  }

  /** Sends still waiting for an answer. */
  inFlight(): number {
    return this.sent - this.acks - this.errors;
  }

  /** Acknowledged (stored) but not yet seen by the other member. */
  undelivered(): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.state[i] === 2 && !this.received[i]) n++;
    return n;
  }

  /**
   * A message that was sent, did not fail, and has not arrived has a latency of at least
   * now − planned: record that, so percentiles of an overloaded step are not flattered by
   * leaving the slowest messages out. Returns how many were recorded this way.
   */
  recordMissingAsLowerBound(now: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if ((this.state[i] === 1 || this.state[i] === 2) && !this.received[i]) {
        this.latency.recordValue(Math.max(1, Math.round((now - this.planned[i]!) * 1000)));
        n++;
      }
    }
    return n;
  }

  percentileMs(p: number): number | null {
    if (this.latency.totalCount === 0) return null;
    return Math.round(this.latency.getValueAtPercentile(p) / 100) / 10;
  }
}

/** `b<step>.<i>` → [step, i]; anything else (warm-up messages) → null. */
export function parseClientId(clientId: string): [number, number] | null {
  const match = /^b(\d+)\.(\d+)$/.exec(clientId);
  return match ? [Number(match[1]), Number(match[2])] : null;
}
