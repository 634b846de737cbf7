/**
 * Messaging throughput and latency: N pairs of users send each other text messages over
 * WebSocket at a planned rate that steps up; every step prints one JSON line. See ../README.md.
 */
import path from 'node:path';
import { positiveInt, positiveInts, readFlags } from '../lib/args.js';
import { Cleanup } from '../lib/cleanup.js';
import { createBenchDatabase, type DbChoice } from '../lib/database.js';
import { freePort } from '../lib/free-port.js';
import { sleep } from '../lib/pool.js';
import { CpuMeter, rssMb } from '../lib/proc-stats.js';
import { startServerProcess } from '../lib/server-process.js';
import { signInUsers, testNumbersEnv } from '../lib/users.js';
import { sendOpenLoop } from './open-loop.js';
import { connectPairs, warmUp } from './participants.js';
import { Receipts } from './receipts.js';
import { StepRecords } from './step-records.js';

const flags = readFlags(
  {
    pairs: { default: '500', help: 'pairs of users, each pair one 1:1 chat' },
    rates: { default: '500,1000,2000,5000,10000', help: 'planned messages/s, one step each' },
    'step-seconds': { default: '20', help: 'length of each step' },
    'drain-seconds': { default: '10', help: 'after a step, how long to wait for answers and receipts' },
    db: { default: 'postgres', help: 'postgres (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) or pglite' },
    'max-inflight': { default: '50000', help: 'sends waiting for an answer beyond which new ones are skipped (counted)' },
    'pool-size': { default: '', help: 'DATABASE_POOL_SIZE for the server (Postgres; server default 20)' },
    'server-cpu-prof': { default: '', help: 'a folder: the server writes a V8 .cpuprofile there when it stops' },
  },
  'usage: npx tsx bench/messaging/run.ts [flags]',
);
const pairs = positiveInt(flags.pairs, 'pairs');
const rates = positiveInts(flags.rates, 'rates');
const stepSeconds = positiveInt(flags['step-seconds'], 'step-seconds');
const drainSeconds = positiveInt(flags['drain-seconds'], 'drain-seconds');
const maxInFlight = positiveInt(flags['max-inflight'], 'max-inflight');
if (flags.db !== 'postgres' && flags.db !== 'pglite') throw new Error('--db is postgres or pglite');
const dbChoice: DbChoice = flags.db;

const log = (text: string) => process.stderr.write(`[messaging] ${text}\n`);
const users = pairs * 2;

const database = await createBenchDatabase(dbChoice);
const cleanup = new Cleanup(log);
cleanup.add('drop the database', () => database.drop());
const cleanUp = () => cleanup.runAll();
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

try {
  const poolEnv: Record<string, string> = flags['pool-size'] ? { DATABASE_POOL_SIZE: flags['pool-size'] } : {};
  const profileDir = flags['server-cpu-prof'];
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const server = await startServerProcess({ port: await freePort(), env: { ...database.env, ...testNumbersEnv(users), ...poolEnv }, nodeFlags });
  cleanup.add('stop the server', () => server.stop());
  log(`server pid ${server.pid} on ${server.url} (${dbChoice})`);

  let t = performance.now();
  const signedIn = await signInUsers(server.url, users, 'bench messaging');
  log(`${users} users signed in in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const receipts = new Receipts(users, signedIn.map((u) => u.id));
  t = performance.now();
  const connections = await connectPairs(server.url, signedIn, receipts);
  cleanup.add('close the sockets', () => connections.close(), 3000);
  await warmUp(connections.participants, receipts);
  log(`${users} sockets subscribed, ${pairs} chats open and warmed up in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const meter = new CpuMeter(server.pid, database.postgresName);
  for (const [step, rate] of rates.entries()) {
    const records = new StepRecords(step, rate, Math.round(rate * stepSeconds));
    receipts.steps[step] = records;
    const outOfOrderBefore = receipts.outOfOrder;
    const closesBefore = connections.closes();

    meter.start();
    const windowStart = performance.now();
    await sendOpenLoop(connections.participants, records, maxInFlight);
    records.windowOpen = false;
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const cpu = meter.read();
    const serverRss = rssMb(server.pid);

    const drainUntil = performance.now() + drainSeconds * 1000;
    while ((records.inFlight() > 0 || records.undelivered() > 0) && performance.now() < drainUntil && !server.exited()) await sleep(100);

    const lost = records.undelivered();
    const unanswered = records.inFlight();
    const missing = records.recordMissingAsLowerBound(performance.now());
    const achieved = records.acksInWindow / windowSeconds;
    const perMessageMs = (cpuPct: number) => (records.acksInWindow ? Math.round(((cpuPct / 100) * windowSeconds * 1000 * 100) / records.acksInWindow) / 100 : null);
    console.log(
      JSON.stringify({
        db: dbChoice,
        pairs,
        step: step + 1,
        rate,
        seconds: Math.round(windowSeconds * 10) / 10,
        achievedPerSec: Math.round(achieved),
        p50Ms: records.percentileMs(50),
        p99Ms: records.percentileMs(99),
        p999Ms: records.percentileMs(99.9),
        maxMs: records.percentileMs(100),
        latencyLowerBounds: missing,
        planned: records.count,
        sent: records.sent,
        skipped: records.skipped,
        acked: records.acks,
        received: records.receipts,
        lost,
        unanswered,
        duplicated: records.duplicates,
        outOfOrder: receipts.outOfOrder - outOfOrderBefore,
        errors: records.errors,
        errorCodes: Object.fromEntries(records.errorCodes),
        socketCloses: connections.closes() - closesBefore,
        serverCpuPct: cpu.serverCpuPct,
        postgresCpuPct: cpu.postgresCpuPct,
        benchCpuPct: cpu.benchCpuPct,
        machineBusyPct: cpu.machineBusyPct,
        serverRssMb: Math.round(serverRss),
        // CPU time per stored message: what bounds throughput once the cores are busy.
        serverCpuMsPerMsg: perMessageMs(cpu.serverCpuPct),
        postgresCpuMsPerMsg: cpu.postgresCpuPct === null ? null : perMessageMs(cpu.postgresCpuPct),
      }),
    );
    records.reported = true;

    if (server.exited()) {
      log(`the server stopped during step ${step + 1}: ${server.exitInfo()}`);
      break;
    }
    if (achieved < rate * 0.5) {
      log(`stopping: step ${step + 1} achieved ${Math.round(achieved)}/s of ${rate}/s planned`);
      break;
    }
  }
  if (receipts.late) log(`${receipts.late} receipts arrived after their step was reported`);
} finally {
  await cleanUp();
}
process.exit(0);
