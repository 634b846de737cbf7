/**
 * A client process of the connections bench: holds its share of idle WebSockets, each with a
 * sync.events subscription, and reports when they are open and what they received.
 */
import { mapLimit } from '../lib/pool.js';
import { connectWs, unwrapEvent, type WsUserClient } from '../lib/ws-client.js';
import type { FromWorker, ToWorker } from './protocol.js';

const clients: WsUserClient[] = [];
let firstReceiptAt: number[] = [];
let closes = 0;

const reply = (message: FromWorker) => process.send!(message);

async function open(url: string, tokens: string[], localAddress: string, concurrency: number): Promise<void> {
  const started = performance.now();
  firstReceiptAt = new Array<number>(tokens.length).fill(0);
  let failed = 0;
  let firstError: string | null = null;
  await mapLimit(tokens, concurrency, async (token, index) => {
    const client = connectWs(url, token, { localAddress, onClose: () => (closes += 1) });
    clients.push(client);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('subscription did not start within 60 s')), 60_000);
        client.trpc.sync.events.subscribe(
          {},
          {
            onStarted: () => {
              clearTimeout(timer);
              resolve();
            },
            onData: (value) => {
              if (unwrapEvent(value).type === 'message.new' && firstReceiptAt[index] === 0) firstReceiptAt[index] = Date.now();
            },
            onError: (error) => {
              clearTimeout(timer);
              reject(error);
            },
          },
        );
      });
    } catch (error) {
      failed += 1;
      firstError ??= (error as Error).message;
    }
  });
  reply({ type: 'opened', opened: tokens.length - failed, failed, firstError, seconds: (performance.now() - started) / 1000 });
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      void open(message.url, message.tokens, message.localAddress, message.concurrency);
      return;
    case 'deliveries':
      reply({ type: 'deliveries', firstReceiptAt, closes });
      return;
    case 'close':
      void Promise.all(clients.map((c) => c.close())).then(() => {
        reply({ type: 'closed' });
        process.exit(0);
      });
      return;
  }
});
