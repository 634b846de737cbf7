/**
 * Group fan-out: one group of --members people, of whom --connected hold a WebSocket with a
 * sync.events subscription; one member posts into it open-loop at each rate of --rates for
 * --step-seconds. Prints one JSON line per rate: delivery latency to the last receiver of each
 * message (p50/p99), latency of every delivery, and server CPU and RSS. See README.md here.
 */
import path from 'node:path';
import type { AppRouter } from '@confab/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { positiveInt, positiveInts, readFlags } from '../lib/args.js';
import { createBenchDatabase, type DbChoice } from '../lib/database.js';
import { freePort } from '../lib/free-port.js';
import { sleep } from '../lib/pool.js';
import { CpuMeter, rssMb } from '../lib/proc-stats.js';
import { startServerProcess } from '../lib/server-process.js';
import { signInUsers, testNumbersEnv } from '../lib/users.js';
import { connectWs } from '../lib/ws-client.js';
import { ChildHandle } from '../lib/child-handle.js';
import type { FromReceiver, ToReceiver } from './protocol.js';
import { Arrivals, percentile } from './stats.js';

const flags = readFlags(
  {
    members: { default: '1000', help: 'members of the group' },
    connected: { default: '500', help: 'members with an open WebSocket and sync.events subscription' },
    rates: { default: '1,50', help: 'messages/s into the group, one step each' },
    'step-seconds': { default: '20', help: 'length of each step' },
    'drain-seconds': { default: '20', help: 'after a step, how long to wait for every delivery' },
    receivers: { default: '2', help: 'receiver processes the connected members are spread over' },
    db: { default: 'postgres', help: 'postgres (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) or pglite' },
    'server-cpu-prof': { default: '', help: 'a folder: the server writes a V8 .cpuprofile there when it stops' },
  },
  'usage: npx tsx bench/fanout/run.ts [flags]',
);
const members = positiveInt(flags.members, 'members');
const connected = positiveInt(flags.connected, 'connected');
const rates = positiveInts(flags.rates, 'rates');
const stepSeconds = positiveInt(flags['step-seconds'], 'step-seconds');
const drainSeconds = positiveInt(flags['drain-seconds'], 'drain-seconds');
const receiverCount = positiveInt(flags.receivers, 'receivers');
if (connected >= members) throw new Error('--connected must be below --members (the sender is one more member)');
if (flags.db !== 'postgres' && flags.db !== 'pglite') throw new Error('--db is postgres or pglite');
const dbChoice: DbChoice = flags.db;

const log = (text: string) => process.stderr.write(`[fanout] ${text}\n`);
const wallNow = () => performance.timeOrigin + performance.now();

const database = await createBenchDatabase(dbChoice);
const cleanups: (() => Promise<void>)[] = [() => database.drop()];
const cleanUp = async () => {
  for (const step of cleanups.splice(0).reverse()) await step().catch((error: unknown) => log(`clean-up: ${(error as Error).message}`));
};
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

try {
  const profileDir = flags['server-cpu-prof'];
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const server = await startServerProcess({ port: await freePort(), env: { ...database.env, ...testNumbersEnv(members) }, nodeFlags });
  cleanups.push(() => server.stop());
  log(`server pid ${server.pid} on ${server.url} (${dbChoice})`);

  let t = performance.now();
  const users = await signInUsers(server.url, members, 'bench fanout');
  log(`${members} users signed in in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // The sender is the last user: a member who owns the group and is not one of the receivers.
  const sender = users[members - 1]!;
  const senderHttp = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${sender.accessToken}` } })] });
  t = performance.now();
  const { chat } = await senderHttp.groups.create.mutate({ name: 'Fan-out bench', memberIds: users.slice(0, members - 1).map((u) => u.id) });
  log(`group of ${members} created in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // Receivers: the first `connected` members, spread over child processes.
  const handles = Array.from({ length: receiverCount }, (_, i) => new ChildHandle<ToReceiver, FromReceiver>(`receiver ${i}`, path.join(import.meta.dirname, 'receiver.ts')));
  cleanups.push(async () => {
    await Promise.all(handles.map((h) => h.ask({ type: 'close' }, 'closed', 10_000).catch(() => undefined)));
    handles.forEach((h) => h.kill());
  });
  t = performance.now();
  const tokens = users.slice(0, connected).map((u) => u.accessToken);
  const opened = await Promise.all(handles.map((h, i) => h.ask({ type: 'connect', url: server.url, tokens: tokens.filter((_, j) => j % receiverCount === i), concurrency: 25 }, 'connected', 180_000)));
  const failed = opened.reduce((n, o) => n + o.failed, 0);
  if (failed > 0) throw new Error(`${failed} subscriptions failed: ${opened.find((o) => o.firstError)?.firstError}`);
  log(`${connected} sockets subscribed in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const senderWs = connectWs(server.url, sender.accessToken);
  // Not awaited: closing waits for answers to pending sends, and an overloaded server may owe
  // hundreds; the server is stopped right after anyway.
  cleanups.push(async () => void senderWs.close().catch(() => undefined));
  const send = (clientId: string) => senderWs.trpc.messages.send.mutate({ chatId: chat.id, clientId, text: `fan-out ${clientId}` });

  const arrivals = new Arrivals();
  let closes = 0;
  let subscriptionErrors = 0;
  const collect = async () => {
    for (const reply of await Promise.all(handles.map((h) => h.ask({ type: 'collect' }, 'arrivals', 60_000)))) {
      arrivals.add(reply.arrivals);
      closes = Math.max(closes, reply.closes);
      subscriptionErrors += reply.errors;
    }
  };
  const waitForAll = async (clientIds: string[], until: number) => {
    for (;;) {
      await collect();
      const missing = clientIds.filter((id) => arrivals.count(id) < connected).length;
      if (missing === 0 || performance.now() > until || server.exited()) return missing;
      await sleep(250);
    }
  };

  // Warm-up: one message that every receiver must get before measuring (all subscriptions live).
  await send('warm-up');
  const warmMissing = await waitForAll(['warm-up'], performance.now() + 60_000);
  if (warmMissing > 0) throw new Error(`the warm-up message reached ${arrivals.count('warm-up')} of ${connected} receivers`);
  log('warm-up delivered to every receiver');

  const meter = new CpuMeter(server.pid, database.postgresName);
  for (const [step, rate] of rates.entries()) {
    const count = Math.max(1, Math.round(rate * stepSeconds));
    const clientIds = Array.from({ length: count }, (_, i) => `s${step + 1}.${i}`);
    const planned = new Array<number>(count);
    let acked = 0;
    let ackedInWindow = 0;
    let windowOpen = true;
    let errors = 0;
    let peakRss = 0;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.pid))), 250);

    // Open loop: message i leaves at start + i/rate whether or not earlier ones were answered.
    meter.start();
    const windowStart = performance.now();
    const startWall = wallNow();
    await new Promise<void>((resolve) => {
      let next = 0;
      const tick = () => {
        while (next < count && startWall + (next * 1000) / rate <= wallNow()) {
          const i = next++;
          planned[i] = startWall + (i * 1000) / rate;
          send(clientIds[i]!).then(
            () => {
              acked += 1;
              if (windowOpen) ackedInWindow += 1;
            },
            () => (errors += 1),
          );
        }
        if (next >= count) return resolve();
        setTimeout(tick, Math.max(0, startWall + (next * 1000) / rate - wallNow()));
      };
      tick();
    });
    // The window closes when the last message is due (open loop), not when it is answered.
    windowOpen = false;
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const cpu = meter.read();
    const missing = await waitForAll(clientIds, performance.now() + drainSeconds * 1000);
    clearInterval(rssTimer);

    const lastReceiver: number[] = [];
    const everyDelivery: number[] = [];
    let deliveries = 0;
    for (const [i, clientId] of clientIds.entries()) {
      const times = arrivals.times(clientId);
      deliveries += times.length;
      for (const at of times) everyDelivery.push(at - planned[i]!);
      if (times.length >= connected) lastReceiver.push(Math.max(...times) - planned[i]!);
    }
    console.log(
      JSON.stringify({
        db: dbChoice,
        members,
        connected,
        step: step + 1,
        rate,
        seconds: Math.round(windowSeconds * 10) / 10,
        messages: count,
        // Sends the server answered (stored) during the window, per second: its sustained rate.
        achievedPerSec: Math.round((ackedInWindow / windowSeconds) * 10) / 10,
        acked,
        errors,
        deliveries,
        expectedDeliveries: count * connected,
        incompleteMessages: missing,
        lastReceiverP50Ms: percentile(lastReceiver, 50),
        lastReceiverP99Ms: percentile(lastReceiver, 99),
        lastReceiverMaxMs: percentile(lastReceiver, 100),
        deliveryP50Ms: percentile(everyDelivery, 50),
        deliveryP99Ms: percentile(everyDelivery, 99),
        serverCpuPct: cpu.serverCpuPct,
        postgresCpuPct: cpu.postgresCpuPct,
        benchCpuPct: cpu.benchCpuPct,
        machineBusyPct: cpu.machineBusyPct,
        serverRssMb: Math.round(rssMb(server.pid)),
        serverPeakRssMb: Math.round(peakRss),
        socketCloses: closes,
        subscriptionErrors,
      }),
    );
    if (server.exited()) {
      log(`the server stopped during step ${step + 1}: ${server.exitInfo()}`);
      break;
    }
  }
} finally {
  await cleanUp();
}
process.exit(0);
