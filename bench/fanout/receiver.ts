/**
 * A receiver process of the fanout bench: holds its share of the group's connected members,
 * one WebSocket each with a sync.events subscription, and notes when each message.new arrives.
 * Receivers live in their own processes so parsing 25,000 events/s does not delay the sender's
 * clock in the orchestrator.
 */
import { mapLimit } from '../lib/pool.js';
import { connectWs, unwrapEvent, type WsUserClient } from '../lib/ws-client.js';
import type { FromReceiver, ToReceiver } from './protocol.js';

const clients: WsUserClient[] = [];
let arrivals = new Map<string, number[]>();
let closes = 0;
let errors = 0;

const reply = (message: FromReceiver) => process.send!(message);
const wallNow = () => performance.timeOrigin + performance.now();

function onEvent(value: unknown): void {
  const event = unwrapEvent(value) as { type?: string; message?: { clientId?: string } };
  if (event.type !== 'message.new' || !event.message?.clientId) return;
  const at = wallNow();
  const list = arrivals.get(event.message.clientId);
  if (list) list.push(at);
  else arrivals.set(event.message.clientId, [at]);
}

async function connect(url: string, tokens: string[], concurrency: number): Promise<void> {
  const started = performance.now();
  let failed = 0;
  let firstError: string | null = null;
  await mapLimit(tokens, concurrency, async (token) => {
    const client = connectWs(url, token, { onClose: () => (closes += 1) });
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
            onData: onEvent,
            onError: (error) => {
              errors += 1;
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
  reply({ type: 'connected', connected: tokens.length - failed, failed, firstError, seconds: (performance.now() - started) / 1000 });
}

process.on('message', (message: ToReceiver) => {
  switch (message.type) {
    case 'connect':
      void connect(message.url, message.tokens, message.concurrency);
      return;
    case 'collect': {
      const gathered = Object.fromEntries(arrivals);
      arrivals = new Map();
      reply({ type: 'arrivals', arrivals: gathered, closes, errors });
      return;
    }
    case 'close':
      void Promise.all(clients.map((c) => c.close())).then(() => {
        reply({ type: 'closed' });
        process.exit(0);
      });
      return;
  }
});
