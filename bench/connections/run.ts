/**
 * Idle connections: K authenticated WebSockets, each with a sync.events subscription, spread over
 * client child processes; prints the server's memory per connection and its CPU at idle, then
 * checks that the subscriptions are live by sending one message. See ../README.md.
 */
import path from 'node:path';
import type { AppRouter } from '@confab/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { positiveInt, readFlags } from '../lib/args.js';
import { Cleanup } from '../lib/cleanup.js';
import { createBenchDatabase, type DbChoice } from '../lib/database.js';
import { freePort } from '../lib/free-port.js';
import { sleep } from '../lib/pool.js';
import { CpuMeter, minRssMbOver } from '../lib/proc-stats.js';
import { startServerProcess } from '../lib/server-process.js';
import { signInUsers, testNumbersEnv } from '../lib/users.js';
import { ChildHandle } from '../lib/child-handle.js';
import type { FromWorker, ToWorker } from './protocol.js';

const flags = readFlags(
  {
    connections: { default: '15000', help: 'idle WebSockets to open' },
    users: { default: '500', help: 'signed-in users; connection c belongs to user c mod users' },
    'per-process': { default: '5000', help: 'connections per client process' },
    concurrency: { default: '100', help: 'connections being opened at once, per client process' },
    // Postgres (15) reports an idle backend's last transactions to pg_stat_database up to 10 s
    // late, so a shorter wait counts the sign-in burst as idle transactions.
    'settle-seconds': { default: '12', help: 'wait before reading memory and idle transactions' },
    'idle-seconds': { default: '10', help: 'how long to measure idle CPU' },
    db: { default: 'postgres', help: 'postgres (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) or pglite' },
  },
  'usage: npx tsx bench/connections/run.ts [flags]',
);
const total = positiveInt(flags.connections, 'connections');
const userCount = Math.min(positiveInt(flags.users, 'users'), total);
const perProcess = positiveInt(flags['per-process'], 'per-process');
const concurrency = positiveInt(flags.concurrency, 'concurrency');
const settleSeconds = positiveInt(flags['settle-seconds'], 'settle-seconds');
const idleSeconds = positiveInt(flags['idle-seconds'], 'idle-seconds');
if (flags.db !== 'postgres' && flags.db !== 'pglite') throw new Error('--db is postgres or pglite');
const dbChoice: DbChoice = flags.db;
if (userCount < 2) throw new Error('--users must be at least 2 (the delivery check sends from user 0 to user 1)');

const log = (text: string) => process.stderr.write(`[connections] ${text}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const database = await createBenchDatabase(dbChoice);
const cleanup = new Cleanup(log);
cleanup.add('drop the database', () => database.drop());
const cleanUp = () => cleanup.runAll();
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

try {
  const server = await startServerProcess({ port: await freePort(), env: { ...database.env, ...testNumbersEnv(userCount) } });
  cleanup.add('stop the server', () => server.stop());
  log(`server pid ${server.pid} on ${server.url} (${dbChoice})`);
  const users = await signInUsers(server.url, userCount, 'bench connections');
  log(`${userCount} users signed in`);

  const rssBefore = await minRssMbOver(server.pid, 3000);

  // Connection c is user c mod U; worker w takes a contiguous block, from its own source address.
  const workers: { handle: ChildHandle<ToWorker, FromWorker>; first: number; count: number }[] = [];
  for (let first = 0, w = 0; first < total; first += perProcess, w++) {
    const handle = new ChildHandle<ToWorker, FromWorker>(`client ${w}`, path.join(import.meta.dirname, 'worker.ts'));
    cleanup.add(`kill ${handle.name}`, () => handle.kill());
    workers.push({ handle, first, count: Math.min(perProcess, total - first) });
  }
  const connectStart = performance.now();
  const opened = await Promise.all(
    workers.map(({ handle, first, count }, w) =>
      handle.ask(
        {
          type: 'open',
          url: server.url,
          tokens: Array.from({ length: count }, (_, i) => users[(first + i) % userCount]!.accessToken),
          localAddress: `127.0.0.${10 + w}`,
          concurrency,
        },
        'opened',
        600_000,
      ),
    ),
  );
  const connectSeconds = (performance.now() - connectStart) / 1000;
  const openCount = opened.reduce((n, o) => n + o.opened, 0);
  const failed = opened.reduce((n, o) => n + o.failed, 0);
  log(`${openCount} subscribed sockets (${failed} failed${failed ? `: ${opened.find((o) => o.firstError)?.firstError}` : ''}) in ${connectSeconds.toFixed(1)} s`);

  await sleep(settleSeconds * 1000);
  const meter = new CpuMeter(server.pid, database.postgresName);
  const transactionsBefore = await database.transactions();
  meter.start();
  // Memory is read during the idle window too (lowest sample), so GC timing matters less.
  const rssAfter = await minRssMbOver(server.pid, idleSeconds * 1000);
  const idle = meter.read();
  const transactionsAfter = await database.transactions();
  // Statistics reach pg_stat_database up to 10 s after a backend's last transaction (hence the settle).
  const idleTransactionsPerSec = transactionsBefore === null || transactionsAfter === null ? null : Math.round((transactionsAfter - transactionsBefore) / idleSeconds);

  // Live check: user 0 writes to user 1; every socket of either user should get the message.
  const sender = users[0]!;
  const http = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${sender.accessToken}` } })] });
  const chat = await http.chats.openDirect.mutate({ userId: users[1]!.id });
  const sentAt = Date.now();
  await http.messages.send.mutate({ chatId: chat.id, clientId: 'connections-check', text: 'are you there?' });
  await sleep(3000);
  const deliveries = await Promise.all(workers.map(({ handle }) => handle.ask({ type: 'deliveries' }, 'deliveries', 60_000)));
  let expected = 0;
  let delivered = 0;
  let slowestMs = 0;
  workers.forEach(({ first, count }, w) => {
    for (let i = 0; i < count; i++) {
      if ((first + i) % userCount > 1) continue;
      expected += 1;
      const at = deliveries[w]!.firstReceiptAt[i]!;
      if (at) {
        delivered += 1;
        slowestMs = Math.max(slowestMs, at - sentAt);
      }
    }
  });

  console.log(
    JSON.stringify({
      db: dbChoice,
      connections: total,
      subscribed: openCount,
      failed,
      users: userCount,
      clientProcesses: workers.length,
      connectSeconds: round(connectSeconds),
      serverRssBeforeMb: round(rssBefore),
      serverRssAfterMb: round(rssAfter),
      serverRssPerConnectionKb: openCount ? round(((rssAfter - rssBefore) * 1024) / openCount) : null,
      idleSeconds,
      idleServerCpuPct: idle.serverCpuPct,
      idlePostgresCpuPct: idle.postgresCpuPct,
      idlePostgresTransactionsPerSec: idleTransactionsPerSec,
      idleMachineBusyPct: idle.machineBusyPct,
      socketCloses: deliveries.reduce((n, d) => n + d.closes, 0),
      liveCheck: { expected, delivered, slowestMs },
    }),
  );
  await Promise.all(workers.map(({ handle }) => handle.ask({ type: 'close' }, 'closed', 60_000).catch(() => handle.kill())));
} finally {
  await cleanUp();
}
process.exit(0);
