/**
 * A client process of the reconnect-storm bench: holds its share of devices, one WebSocket and
 * one sync.events subscription each (from seq 0, so each device should see its user's whole
 * stream), records every tracked event id it receives, and on "drop" kills all its sockets at
 * once (or holds them while the server is killed and restarted) and lets them all reconnect at
 * the same instant, resuming from their last event ids.
 */
import { TRPCClientError } from '@trpc/client';
import type WebSocket from 'ws';
import { mapLimit } from '../lib/pool.js';
import { connectWs, type WsUserClient } from '../lib/ws-client.js';
import type { ClientReport, FromWorker, ToWorker } from './protocol.js';

interface Device extends ClientReport {
  trpc: WsUserClient | null;
  socket: WebSocket | null;
  highest: number;
  dropped: boolean;
}

const devices: Device[] = [];
const subscriptionErrors: Record<string, number> = {};
const socketErrors: Record<string, number> = {};
const closesAfterDrop: Record<string, number> = {};
/** Until this Date.now(), reconnects wait; then every device tries at once. */
let holdUntil = 0;

const reply = (message: FromWorker) => process.send!(message);
const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

/**
 * The first reconnect after the drop waits for the common instant (the storm); a failed one
 * backs off exponentially with jitter (0.25 s … 15 s), as a real client must when the server
 * refuses it, so a refused crowd does not come back in lockstep.
 */
function reconnectDelay(attempt: number): number {
  const wait = holdUntil - Date.now();
  if (attempt === 0 && wait > 0) return wait;
  if (attempt === 0) return 0;
  return Math.min(15_000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random());
}

function onSocket(device: Device, socket: WebSocket): void {
  device.socket = socket;
  if (device.dropped) device.connectAttemptsAfterDrop += 1;
  // Why a socket opened after the drop was closed again (e.g. 4003: not signed in within WS_AUTH_TIMEOUT_MS).
  if (device.dropped) socket.on('close', (code: number) => count(closesAfterDrop, String(code)));
  socket.on('error', (error: Error & { code?: string }) => {
    const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
    count(socketErrors, status ?? error.code ?? error.message);
  });
}

/** Subscribes from `fromSeq`; an error (e.g. busy) re-subscribes from the last seq after a backoff. */
function subscribe(device: Device, fromSeq: number, started: () => void, attempt = 0): void {
  device.trpc!.trpc.sync.events.subscribe(
    { lastEventId: String(fromSeq) },
    {
      onStarted: started,
      onData: (value) => {
        const id = (value as { id?: unknown }).id;
        if (typeof id !== 'string') return; // ephemeral (typing, presence): not part of the stream
        const seq = Number(id);
        device.seqs.push(seq);
        device.at.push(Date.now());
        device.highest = Math.max(device.highest, seq);
      },
      onError: (error) => {
        count(subscriptionErrors, error instanceof TRPCClientError ? String((error.data as { code?: string } | undefined)?.code ?? error.message) : String(error));
        setTimeout(() => subscribe(device, device.highest, started, attempt + 1), reconnectDelay(attempt + 1));
      },
    },
  );
}

async function open(url: string, tokens: string[], localAddress: string, concurrency: number): Promise<void> {
  let failed = 0;
  let firstError: string | null = null;
  await mapLimit(tokens, concurrency, async (token, index) => {
    const device: Device = { trpc: null, socket: null, seqs: [], at: [], highest: 0, resubscribedAt: 0, connectAttemptsAfterDrop: 0, dropped: false };
    devices[index] = device;
    device.trpc = connectWs(url, token, { localAddress, retryDelayMs: reconnectDelay, onSocket: (socket) => onSocket(device, socket) });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('subscription did not start within 120 s')), 120_000);
        subscribe(device, 0, () => {
          clearTimeout(timer);
          if (device.dropped && !device.resubscribedAt) device.resubscribedAt = Date.now();
          resolve();
        });
      });
    } catch (error) {
      failed += 1;
      firstError ??= (error as Error).message;
    }
  });
  reply({ type: 'opened', opened: tokens.length - failed, failed, firstError });
}

function drop(reconnectAt: number, terminate: boolean): void {
  holdUntil = reconnectAt;
  let sockets = 0;
  for (const device of devices) {
    device.dropped = true;
    if (terminate && device.socket) {
      // No close handshake: the TCP connection is gone at once, as in a network drop.
      device.socket.terminate();
      sockets += 1;
    }
  }
  reply({ type: 'dropped', sockets });
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      void open(message.url, message.tokens, message.localAddress, message.concurrency);
      return;
    case 'progress':
      // A device that has not subscribed again since the drop has resumed nothing yet.
      reply({ type: 'progress', highest: devices.map((d) => (d.dropped && !d.resubscribedAt ? -1 : d.highest)) });
      return;
    case 'drop':
      drop(message.reconnectAt, message.terminate);
      return;
    case 'report':
      reply({
        type: 'report',
        clients: devices.map(({ seqs, at, resubscribedAt, connectAttemptsAfterDrop }) => ({ seqs, at, resubscribedAt, connectAttemptsAfterDrop })),
        subscriptionErrors,
        socketErrors,
        closesAfterDrop,
      });
      return;
    case 'close':
      void Promise.all(devices.map((d) => d.trpc?.close())).then(() => {
        reply({ type: 'closed' });
        process.exit(0);
      });
      return;
  }
});
