import { parseClientId, type StepRecords } from './step-records.js';

interface MessageNew {
  type: 'message.new';
  message: { chatId: string; seq: number; senderId: string; clientId: string };
}

/**
 * Everything the users' sync.events subscriptions deliver goes through here. Per receiver and
 * chat, message seqs must arrive as 1, 2, 3…: anything else is counted as out of order.
 */
export class Receipts {
  /** Each bench user is in exactly one chat, so "per receiver and chat" is per receiver. */
  private readonly lastSeq: Int32Array;
  outOfOrder = 0;
  /** Receipts whose step was already reported (late beyond its drain period). */
  late = 0;
  warmups = 0;
  readonly steps: StepRecords[] = [];

  constructor(
    users: number,
    private readonly userIds: readonly string[],
  ) {
    this.lastSeq = new Int32Array(users).fill(-1);
  }

  onEvent(receiver: number, event: { type?: string }, now: number): void {
    if (event.type !== 'message.new') return;
    const { message } = event as MessageNew;
    const last = this.lastSeq[receiver]!;
    if (last >= 0 && message.seq !== last + 1) this.outOfOrder += 1;
    this.lastSeq[receiver] = Math.max(last, message.seq);

    if (message.senderId === this.userIds[receiver]) return; // the sender's own copy
    const parsed = parseClientId(message.clientId);
    if (!parsed) {
      this.warmups += 1;
      return;
    }
    const records = this.steps[parsed[0]];
    if (!records) return;
    if (!records.windowOpen && records.reported) this.late += 1;
    records.onReceipt(parsed[1], now);
  }
}
