import type { AppRouter, SyncEvent } from '@confab/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { CpuMeter, cpuSeconds, rssMb } from '../lib/proc-stats.js';
import { connectWs } from '../lib/ws-client.js';

export interface StoredEvent {
  id: string;
  event: SyncEvent;
}

export interface ReplayFigures {
  transport: 'ws' | 'http';
  events: number;
  seconds: number;
  eventsPerSec: number;
  /** Server process CPU (user + system) per 1,000 events replayed. */
  serverCpuMsPer1000: number;
  postgresCpuMsPer1000: number | null;
  /** This process (the client: tRPC decoding, JSON) per 1,000 events. */
  clientCpuMsPer1000: number;
  machineBusyPct: number;
  serverRssMbBefore: number;
  serverRssMbPeak: number;
  pages?: number;
}

interface Meter {
  done(events: number, extra?: Partial<ReplayFigures>): ReplayFigures;
}

/** Server, Postgres and client CPU and server RSS (peak of 100 ms samples) over one replay. */
function meter(transport: 'ws' | 'http', serverPid: number, postgresName: string | null): Meter {
  const cpu = new CpuMeter(serverPid, postgresName);
  const rssBefore = rssMb(serverPid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(serverPid))), 100);
  const serverStart = cpuSeconds(serverPid);
  const selfStart = process.cpuUsage();
  const started = performance.now();
  cpu.start();
  return {
    done(events, extra = {}) {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      const read = cpu.read();
      const self = process.cpuUsage(selfStart);
      const per1000 = (ms: number) => Math.round((ms / Math.max(1, events)) * 1000 * 100) / 100;
      const serverMs = (cpuSeconds(serverPid) - serverStart) * 1000;
      return {
        transport,
        events,
        seconds: Math.round(seconds * 100) / 100,
        eventsPerSec: Math.round(events / seconds),
        serverCpuMsPer1000: per1000(serverMs),
        postgresCpuMsPer1000: read.postgresCpuPct === null ? null : per1000((read.postgresCpuPct / 100) * seconds * 1000),
        clientCpuMsPer1000: per1000((self.user + self.system) / 1000),
        machineBusyPct: read.machineBusyPct,
        serverRssMbBefore: Math.round(rssBefore),
        serverRssMbPeak: Math.round(Math.max(rssPeak, rssMb(serverPid))),
        ...extra,
      };
    },
  };
}

/**
 * One device resubscribing to sync.events from id 0 over its WebSocket, as the desktop's event
 * stream does, until it holds the stream's head. Keeps what it received when `keep` is true.
 */
export async function replayOverWs(baseUrl: string, token: string, head: number, serverPid: number, postgresName: string | null, keep: boolean): Promise<{ figures: ReplayFigures; events: StoredEvent[] }> {
  const client = connectWs(baseUrl, token);
  // Sign the socket in first, so the replay times the stream rather than the handshake.
  await client.trpc.sync.changes.query({ since: '999999999999999', limit: 1 });
  const events: StoredEvent[] = [];
  let count = 0;
  let lastId = 0;
  const m = meter('ws', serverPid, postgresName);
  await new Promise<void>((resolve, reject) => {
    const subscription = client.trpc.sync.events.subscribe(
      { lastEventId: '0' },
      {
        onData: (value: unknown) => {
          const v = value as { id?: string; data?: SyncEvent };
          if (v.id === undefined || v.data === undefined) return;
          const id = Number(v.id);
          if (id !== lastId + 1) reject(new Error(`event ${id} after ${lastId}`));
          lastId = id;
          count += 1;
          if (keep) events.push({ id: v.id, event: v.data });
          if (id >= head) {
            subscription.unsubscribe();
            resolve();
          }
        },
        onError: (error) => reject(error),
      },
    );
  });
  const figures = m.done(count);
  await client.close();
  return { figures, events };
}

/** The same replay as pages of sync.changes over HTTP (the desktop's catch-up), `limit` per page. */
export async function replayOverHttp(baseUrl: string, token: string, limit: number, serverPid: number, postgresName: string | null): Promise<ReplayFigures> {
  const http = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseUrl}/trpc`, headers: { authorization: `Bearer ${token}` }, maxURLLength: 4000 })],
  });
  await http.sync.changes.query({ since: '999999999999999', limit: 1 });
  let since = '0';
  let count = 0;
  let pages = 0;
  const m = meter('http', serverPid, postgresName);
  for (;;) {
    const page = await http.sync.changes.query({ since, limit });
    pages += 1;
    count += page.events.length;
    since = page.nextSince;
    if (!page.hasMore) break;
  }
  return m.done(count, { pages });
}
