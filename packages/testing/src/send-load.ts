import type { AppRouter } from '@confab/api';
import type { TRPCClient } from '@trpc/client';

export interface LoadSender {
  /** Who sends, through which server process. */
  trpc: TRPCClient<AppRouter>;
  chatId: string;
  /** Starts every clientId this sender makes, so the recipient's copy can be told apart. */
  prefix: string;
}

/**
 * A steady load of `messages.send` from several senders, each with a few sends in flight, for
 * the fault tests: it keeps going through failures (a send refused while a service is down is
 * simply not acknowledged) and records which sends the server acknowledged.
 */
export class SendLoad {
  /** clientIds the server answered with success, per sender prefix. */
  readonly acknowledged = new Map<string, string[]>();
  /** Sends the server refused or that failed in transit. */
  readonly failures: unknown[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private next = 0;

  constructor(
    private readonly senders: readonly LoadSender[],
    private readonly inFlightPerSender = 2,
    /** A pause between one sender's sends, so a 2-core machine is loaded, not flooded. */
    private readonly pauseMs = 10,
  ) {
    for (const sender of senders) this.acknowledged.set(sender.prefix, []);
  }

  /** Acknowledged sends of all senders. */
  count(): number {
    return [...this.acknowledged.values()].reduce((n, ids) => n + ids.length, 0);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = this.senders.flatMap((sender) => Array.from({ length: this.inFlightPerSender }, () => this.loop(sender)));
  }

  /** Stops making new sends and waits for those in flight to be answered. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(sender: LoadSender): Promise<void> {
    while (this.running) {
      const clientId = `${sender.prefix}-${this.next++}`;
      try {
        await sender.trpc.messages.send.mutate({ chatId: sender.chatId, clientId, text: `load ${clientId}` });
        this.acknowledged.get(sender.prefix)!.push(clientId);
      } catch (error) {
        this.failures.push(error);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, this.pauseMs));
    }
  }
}
