/**
 * Reconnect storm: N devices hold sync.events subscriptions and have received events; more are
 * written while they are connected; then every socket drops at once, more events are written
 * while they are down, and all reconnect at the same instant, resuming from their last event
 * ids. Checks that every device ends with its user's whole stream, once and in order, and
 * prints how long the crowd took to resume and what it cost the server. See ../README.md.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { positiveInt, readFlags } from '../lib/args.js';
import { ChildHandle } from '../lib/child-handle.js';
import { Cleanup } from '../lib/cleanup.js';
import { createBenchDatabase } from '../lib/database.js';
import { freePort } from '../lib/free-port.js';
import { sleep } from '../lib/pool.js';
import { cpuSeconds, CpuMeter, minRssMbOver, rssMb } from '../lib/proc-stats.js';
import { startServerProcess } from '../lib/server-process.js';
import { signInUsers, testNumbersEnv } from '../lib/users.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { checkStream, isClean, percentile } from './stream-check.js';
import { PairWriter } from './writer.js';

const flags = readFlags(
  {
    clients: { default: '5000', help: 'devices, one WebSocket + sync.events subscription each' },
    users: { default: '1000', help: 'signed-in users (even); device d belongs to user d mod users' },
    'per-process': { default: '2500', help: 'devices per client process (each from its own 127.0.0.x)' },
    concurrency: { default: '100', help: 'sockets being opened at once, per client process, before the storm' },
    'warm-messages': { default: '1', help: 'messages per pair before, each waited for on every device' },
    'live-messages': { default: '2', help: 'messages per pair written just before the drop, not waited for' },
    'down-messages': { default: '2', help: 'messages per pair written while every socket is down (--drop sockets; a killed server takes none)' },
    'down-seconds': { default: '10', help: 'how long the sockets stay down (the writes above happen meanwhile)' },
    drop: { default: 'sockets', help: 'sockets: every client socket is cut at once, the server stays up; restart: the server is killed (SIGKILL) and started again on the same port' },
    'timeout-seconds': { default: '300', help: 'give up waiting for every device to resume after this' },
    'server-cpu-prof': { default: '', help: 'a folder: the server writes a V8 .cpuprofile there when it stops' },
  },
  'usage: npx tsx bench/storm/run.ts [flags]   (PostgreSQL only: the check reads stream heads from it)',
);
const total = positiveInt(flags.clients, 'clients');
const userCount = Math.min(positiveInt(flags.users, 'users'), total);
if (userCount < 2 || userCount % 2 !== 0) throw new Error('--users must be even and at least 2 (users pair up in 1:1 chats)');
const perProcess = positiveInt(flags['per-process'], 'per-process');
const concurrency = positiveInt(flags.concurrency, 'concurrency');
const warmMessages = positiveInt(flags['warm-messages'], 'warm-messages');
const liveMessages = positiveInt(flags['live-messages'], 'live-messages');
const downMessages = positiveInt(flags['down-messages'], 'down-messages');
const downSeconds = positiveInt(flags['down-seconds'], 'down-seconds');
const timeoutSeconds = positiveInt(flags['timeout-seconds'], 'timeout-seconds');
if (flags.drop !== 'sockets' && flags.drop !== 'restart') throw new Error('--drop is sockets or restart');
const restart = flags.drop === 'restart';

const log = (text: string) => process.stderr.write(`[storm] ${text}\n`);
const round = (n: number | null, digits = 0) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const userOf = (device: number) => device % userCount;

const database = await createBenchDatabase('postgres');
const cleanup = new Cleanup(log);
cleanup.add('drop the database', () => database.drop());
const cleanUp = () => cleanup.runAll();
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

try {
  const profileDir = flags['server-cpu-prof'];
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  // One secret for both lives of a restarted server, so the devices' tokens stay valid.
  const serverOptions = { port: await freePort(), env: { ...database.env, ...testNumbersEnv(userCount), JWT_SECRET: randomBytes(32).toString('hex') }, nodeFlags };
  let server = await startServerProcess(serverOptions);
  cleanup.add('stop the server', () => server.stop());
  log(`server pid ${server.pid} on ${server.url}`);
  const users = await signInUsers(server.url, userCount, 'bench storm');
  log(`${userCount} users signed in`);

  const store = new pg.Pool({ connectionString: database.env.DATABASE_URL, max: 2 });
  cleanup.add('close the head reader', () => store.end());
  const userIds = users.map((u) => u.id);
  /** Each user's stream head in the store: what every one of its devices must end at. */
  const heads = async (): Promise<number[]> => {
    const { rows } = await store.query<{ user_id: string; last_seq: string }>('select user_id, last_seq from user_streams where user_id = any($1)', [userIds]);
    const byId = new Map(rows.map((r) => [r.user_id, Number(r.last_seq)]));
    return userIds.map((id) => byId.get(id) ?? 0);
  };

  const writer = new PairWriter(server.url, users);
  await writer.openChats();

  // Device d is user d mod U; worker w takes a contiguous block, from its own source address.
  const workers: { handle: ChildHandle<ToWorker, FromWorker>; first: number; count: number }[] = [];
  for (let first = 0, w = 0; first < total; first += perProcess, w++) {
    const handle = new ChildHandle<ToWorker, FromWorker>(`client ${w}`, path.join(import.meta.dirname, 'worker.ts'));
    cleanup.add(`kill ${handle.name}`, () => handle.kill());
    workers.push({ handle, first, count: Math.min(perProcess, total - first) });
  }
  const askAll = <T extends FromWorker['type']>(message: ToWorker, answer: T, timeoutMs = 120_000) => Promise.all(workers.map(({ handle }) => handle.ask(message, answer, timeoutMs)));
  /** Highest seq of every device, in device order. */
  const highest = async () => (await askAll({ type: 'progress' }, 'progress')).flatMap((p) => p.highest);
  const behind = (seen: number[], head: number[]) => seen.filter((s, d) => s < head[userOf(d)]!).length;

  const connectStart = performance.now();
  const opened = await Promise.all(
    workers.map(({ handle, first, count }, w) =>
      handle.ask(
        { type: 'open', url: server.url, tokens: Array.from({ length: count }, (_, i) => users[userOf(first + i)]!.accessToken), localAddress: `127.0.0.${10 + w}`, concurrency },
        'opened',
        900_000,
      ),
    ),
  );
  const failed = opened.reduce((n, o) => n + o.failed, 0);
  log(`${total - failed} of ${total} subscribed in ${((performance.now() - connectStart) / 1000).toFixed(1)} s${failed ? ` (first error: ${opened.find((o) => o.firstError)?.firstError})` : ''}`);
  if (failed) throw new Error(`${failed} devices could not subscribe`);

  // Before: every device has received events, live.
  await writer.write('warm', warmMessages);
  const warmDeadline = Date.now() + 120_000;
  for (let head = await heads(); behind(await highest(), head) > 0; head = await heads()) {
    if (Date.now() > warmDeadline) throw new Error('warm-up events did not reach every device within 120 s');
    await sleep(500);
  }
  log('every device has its warm-up events');
  const rssBefore = await minRssMbOver(server.pid, 2000);

  // While connected: more events, not waited for; then every socket drops at once.
  const liveWritten = await writer.write('live', liveMessages);
  const reconnectAt = Date.now() + downSeconds * 1000;
  let rssPeak = rssMb(server.pid);
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.pid))), 100);
  cleanup.add('stop sampling', () => clearInterval(sampler));
  const dropped = await askAll({ type: 'drop', reconnectAt, terminate: !restart }, 'dropped', 30_000);
  const droppedAt = Date.now();
  let downWritten = 0;
  let restartMs: number | null = null;
  let rssBeforeNote = 'the same process';
  if (restart) {
    // The server dies with every socket open; a new process takes the port. RSS from here on is the new one's.
    await server.kill();
    server = await startServerProcess(serverOptions);
    restartMs = Date.now() - droppedAt;
    rssPeak = rssMb(server.pid);
    rssBeforeNote = 'the killed process';
    log(`server killed with every socket open; restarted as pid ${server.pid} in ${(restartMs / 1000).toFixed(1)} s`);
  } else {
    log(`dropped ${dropped.reduce((n, d) => n + d.sockets, 0)} sockets; writing while they are down`);
    // While down: more events, which every device must fetch from the store when it is back.
    downWritten = await writer.write('down', downMessages);
  }
  const writesDoneBeforeReconnect = Date.now() < reconnectAt;
  log(`${downWritten} messages written while down (${writesDoneBeforeReconnect ? 'before' : 'AFTER'} the reconnect instant)`);
  await sleep(Math.max(0, reconnectAt - Date.now()));

  // The storm: every device reconnects now. Measure until each has its user's whole stream.
  const meter = new CpuMeter(server.pid, database.postgresName);
  meter.start();
  const clientCpu = () => workers.reduce((sum, { handle }) => sum + cpuSeconds(handle.pid), 0);
  const clientCpuBefore = clientCpu();
  const stormDeadline = Date.now() + timeoutSeconds * 1000;
  let lagging = total;
  for (;;) {
    lagging = behind(await highest(), await heads());
    if (lagging === 0 || Date.now() > stormDeadline) break;
    await sleep(250);
  }
  const allResumedAt = Date.now();
  const storm = meter.read();
  const clientCpuPct = round(((clientCpu() - clientCpuBefore) / Math.max(0.001, (Date.now() - reconnectAt) / 1000)) * 100, 1);
  const load = loadavg();
  if (lagging) log(`${lagging} devices still behind after ${timeoutSeconds} s`);
  const rssAfter = await minRssMbOver(server.pid, 3000);
  clearInterval(sampler);

  // The verdict, per device, against the heads once everything has settled.
  const finalHeads = await heads();
  const reports = await askAll({ type: 'report' }, 'report');
  const devices = reports.flatMap((r) => r.clients);
  const resumeMs: number[] = [];
  let clean = 0;
  let missedDuringDrop = 0;
  let maxMissed = 0;
  const totals = { missing: 0, duplicates: 0, outOfOrder: 0, beyondHead: 0 };
  let reconnectAttempts = 0;
  let retried = 0;
  devices.forEach((device, d) => {
    const head = finalHeads[userOf(d)]!;
    const verdict = checkStream(device.seqs, head);
    if (isClean(verdict)) clean += 1;
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += verdict[key];
    // Missed: what the device lacked when the storm began (its stream arrives in order).
    const hadAtReconnect = device.seqs.reduce((had, seq, i) => (device.at[i]! < reconnectAt ? Math.max(had, seq) : had), 0);
    const missed = head - hadAtReconnect;
    missedDuringDrop += missed;
    maxMissed = Math.max(maxMissed, missed);
    // Resumed: subscribed again and holding the whole stream (the receipt of the head's seq).
    const completedAt = device.at[device.seqs.indexOf(head)] ?? Number.POSITIVE_INFINITY;
    if (device.resubscribedAt && Number.isFinite(completedAt)) resumeMs.push(Math.max(device.resubscribedAt, completedAt) - reconnectAt);
    reconnectAttempts += device.connectAttemptsAfterDrop;
    if (device.connectAttemptsAfterDrop > 1) retried += 1;
  });
  const sum = (records: Record<string, number>[]) => records.reduce<Record<string, number>>((all, r) => {
    for (const [k, v] of Object.entries(r)) all[k] = (all[k] ?? 0) + v;
    return all;
  }, {});

  console.log(
    JSON.stringify({
      clients: total,
      users: userCount,
      clientProcesses: workers.length,
      drop: flags.drop,
      serverRestartMs: restartMs,
      messagesWrittenLive: liveWritten,
      messagesWrittenDown: downWritten,
      downSeconds,
      writesDoneBeforeReconnect,
      eventsMissedDuringDrop: missedDuringDrop,
      eventsMissedPerClient: { mean: round(missedDuringDrop / total, 1), max: maxMissed },
      cleanStreams: clean,
      ...totals,
      resumed: resumeMs.length,
      stillBehind: lagging,
      resumeMs: { p50: round(percentile(resumeMs, 50)), p99: round(percentile(resumeMs, 99)), max: round(percentile(resumeMs, 100)) },
      allResumedMs: allResumedAt - reconnectAt,
      dropToAllResumedMs: allResumedAt - droppedAt,
      reconnectAttempts,
      clientsThatRetried: retried,
      socketErrors: sum(reports.map((r) => r.socketErrors)),
      socketClosesAfterDrop: sum(reports.map((r) => r.closesAfterDrop)),
      subscriptionErrors: sum(reports.map((r) => r.subscriptionErrors)),
      sendsRefused: writer.refused,
      serverRssMb: { before: round(rssBefore), beforeIs: rssBeforeNote, peak: round(rssPeak), after: round(rssAfter) },
      stormServerCpuPct: storm.serverCpuPct,
      stormPostgresCpuPct: storm.postgresCpuPct,
      stormClientProcessesCpuPct: clientCpuPct,
      stormMachineBusyPct: storm.machineBusyPct,
      loadAverage1m: round(load[0]!, 1),
    }),
  );
  await Promise.all(workers.map(({ handle }) => handle.ask({ type: 'close' }, 'closed', 60_000).catch(() => handle.kill())));
} finally {
  await cleanUp();
}
process.exit(0);
