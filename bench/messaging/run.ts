/**
 * Messaging throughput and latency: N pairs of users send each other text messages over
 * WebSocket at a planned rate that steps up; every step prints one JSON line. See ../README.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { positiveInt, positiveInts, readFlags } from '../lib/args.js';
import { Cleanup } from '../lib/cleanup.js';
import { createBenchDatabase, type DbChoice } from '../lib/database.js';
import { freePort } from '../lib/free-port.js';
import { sleep } from '../lib/pool.js';
import { CpuMeter, rssMb } from '../lib/proc-stats.js';
import { startServerProcess, type ServerProcess } from '../lib/server-process.js';
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
    servers: { default: '1', help: 'server processes; 2 or more make a cluster over Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379), each pair split across two of them' },
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
const serverCount = positiveInt(flags.servers, 'servers');
if (serverCount > 1 && dbChoice !== 'postgres') throw new Error('a cluster (--servers 2+) shares one PostgreSQL database: use --db postgres');
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

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
  // A cluster's processes accept each other's tokens: one signing secret for all of them.
  const clusterEnv: Record<string, string> = serverCount > 1 ? { REDIS_URL: redisUrl, JWT_SECRET: randomBytes(32).toString('hex') } : {};
  const servers: ServerProcess[] = [];
  for (let i = 0; i < serverCount; i++) {
    // One after another: the first applies the migrations the others then find done.
    const started = await startServerProcess({ port: await freePort(), env: { ...database.env, ...testNumbersEnv(users), ...poolEnv, ...clusterEnv }, nodeFlags });
    cleanup.add(`stop server ${i + 1}`, () => started.stop());
    servers.push(started);
    log(`server ${i + 1} pid ${started.pid} on ${started.url} (${dbChoice}${serverCount > 1 ? `, Redis ${redisUrl}` : ''})`);
  }
  const server = servers[0]!;
  const anyExited = () => servers.some((s) => s.exited());

  let t = performance.now();
  const signedIn = await signInUsers(server.url, users, 'bench messaging');
  log(`${users} users signed in in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const receipts = new Receipts(users, signedIn.map((u) => u.id));
  t = performance.now();
  const connections = await connectPairs(servers.map((s) => s.url), signedIn, receipts);
  cleanup.add('close the sockets', () => connections.close(), 3000);
  await warmUp(connections.participants, receipts);
  log(`${users} sockets subscribed, ${pairs} chats open and warmed up in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const meter = new CpuMeter(servers.map((s) => s.pid), database.postgresName);
  const redisPid = serverCount > 1 ? redisServerPid() : null;
  const redisMeter = redisPid === null ? null : new CpuMeter(redisPid, null);
  for (const [step, rate] of rates.entries()) {
    const records = new StepRecords(step, rate, Math.round(rate * stepSeconds));
    receipts.steps[step] = records;
    const outOfOrderBefore = receipts.outOfOrder;
    const closesBefore = connections.closes();

    meter.start();
    redisMeter?.start();
    const windowStart = performance.now();
    await sendOpenLoop(connections.participants, records, maxInFlight);
    records.windowOpen = false;
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const cpu = meter.read();
    const redisCpuPct = redisMeter ? redisMeter.read().serverCpuPct : null;
    const serverRss = servers.reduce((sum, s) => sum + rssMb(s.pid), 0);

    const drainUntil = performance.now() + drainSeconds * 1000;
    while ((records.inFlight() > 0 || records.undelivered() > 0) && performance.now() < drainUntil && !anyExited()) await sleep(100);

    const lost = records.undelivered();
    const unanswered = records.inFlight();
    const missing = records.recordMissingAsLowerBound(performance.now());
    const achieved = records.acksInWindow / windowSeconds;
    const perMessageMs = (cpuPct: number) => (records.acksInWindow ? Math.round(((cpuPct / 100) * windowSeconds * 1000 * 100) / records.acksInWindow) / 100 : null);
    console.log(
      JSON.stringify({
        db: dbChoice,
        servers: serverCount,
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
        // The Redis server on this machine (a cluster only): it carries every cross-process delivery.
        redisCpuPct,
        benchCpuPct: cpu.benchCpuPct,
        machineBusyPct: cpu.machineBusyPct,
        // All server processes together.
        serverRssMb: Math.round(serverRss),
        // CPU time per stored message: what bounds throughput once the cores are busy.
        serverCpuMsPerMsg: perMessageMs(cpu.serverCpuPct),
        postgresCpuMsPerMsg: cpu.postgresCpuPct === null ? null : perMessageMs(cpu.postgresCpuPct),
      }),
    );
    records.reported = true;

    if (anyExited()) {
      log(`a server stopped during step ${step + 1}: ${servers.map((s) => s.exitInfo()).join('; ')}`);
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

/** The local Redis server's process, to meter its CPU (null when it is not on this machine). */
function redisServerPid(): number | null {
  try {
    const pid = Number(execFileSync('pidof', ['-s', 'redis-server'], { encoding: 'utf8' }).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
