import type { Participant } from './participants.js';
import type { StepRecords } from './step-records.js';

/**
 * Sends a step's messages open-loop: message i leaves at start + i / rate whether or not
 * earlier sends were answered, so a slow server shows up as latency (measured from the
 * planned time) instead of quietly lowering the load. Message i goes over pair i mod P,
 * alternating direction each round. Resolves when the last message has been sent.
 */
export function sendOpenLoop(participants: readonly Participant[], records: StepRecords, maxInFlight: number): Promise<void> {
  const pairs = participants.length / 2;
  const intervalMs = 1000 / records.rate;
  const start = performance.now();
  for (let i = 0; i < records.count; i++) records.planned[i] = start + i * intervalMs;

  const send = (i: number) => {
    if (records.inFlight() >= maxInFlight) {
      records.skipped += 1;
      return;
    }
    const pair = i % pairs;
    const fromSecond = Math.floor(i / pairs) % 2 === 1;
    const sender = participants[2 * pair + (fromSecond ? 1 : 0)]!;
    records.onSent(i);
    sender.client.trpc.messages.send
      .mutate({ chatId: sender.chatId, clientId: records.clientId(i), text: `bench message ${records.clientId(i)}` })
      .then(
        () => records.onAck(i),
        (error: unknown) => records.onError(i, error),
      );
  };

  return new Promise((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < records.count && records.planned[next]! <= now) send(next++);
      if (next >= records.count) return resolve();
      setTimeout(tick, Math.max(0, records.planned[next]! - performance.now()));
    };
    tick();
  });
}
