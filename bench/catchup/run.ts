/**
 * Catch-up: one user's stream filled with N events through the real server (new messages mostly,
 * reactions, receipts, edits, deletions), then one device replays it from id 0 over sync.events
 * (WebSocket) and over sync.changes pages (HTTP); then the desktop core applies what it received
 * into a fresh cache, as catch-up pages and as the live stream. Prints JSON lines; asserts nothing.
 *
 *   npx tsx bench/catchup/run.ts [--db postgres|pglite] [--events 100000]
 *   npx tsx bench/catchup/run.ts --apply-only <file>    # the desktop apply alone, from --save-events
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { AppRouter, ChatView } from '@confab/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { positiveInt, readFlags } from '../lib/args.js';
import { Cleanup } from '../lib/cleanup.js';
import { createBenchDatabase, type DbChoice } from '../lib/database.js';
import { freePort } from '../lib/free-port.js';
import { mapLimit } from '../lib/pool.js';
import { minRssMbOver } from '../lib/proc-stats.js';
import { startServerProcess } from '../lib/server-process.js';
import { signInUsers, testNumbersEnv } from '../lib/users.js';
import { connectWs } from '../lib/ws-client.js';
import { applyStream } from './apply.js';
import { fillStream } from './fill.js';
import { replayOverHttp, replayOverWs, type StoredEvent } from './replay.js';

const flags = readFlags(
  {
    db: { default: 'postgres', help: 'postgres or pglite' },
    events: { default: '100000', help: 'events to put in the replayed stream' },
    peers: { default: '32', help: 'chats of the replaying user (one peer each); one lane of calls per chat' },
    'page-size': { default: '1000', help: 'sync.changes limit per page (the desktop asks for 1,000)' },
    rounds: { default: '2', help: 'replays of each transport (the first warms the server up)' },
    analyze: { default: 'yes', help: 'ANALYZE the database after the fill, as autovacuum would (yes|no; Postgres only)' },
    'save-events': { default: '', help: 'write the replayed stream (and chats) to this JSON file' },
    'apply-only': { default: '', help: 'skip the server: apply the stream saved in this file' },
    'server-cpu-prof': { default: '', help: 'folder for a V8 CPU profile of the server' },
  },
  'usage: npx tsx bench/catchup/run.ts [flags]',
);
const log = (text: string) => process.stderr.write(`[catchup] ${text}\n`);
const out = (record: Record<string, unknown>) => console.log(JSON.stringify(record));
const pageSize = positiveInt(flags['page-size'], 'page-size');

interface Saved {
  me: string;
  chats: ChatView[];
  events: StoredEvent[];
}

async function desktopApply(saved: Saved): Promise<void> {
  for (const mode of ['pages', 'live'] as const) {
    log(`desktop apply (${mode}) of ${saved.events.length.toLocaleString('en-US')} events`);
    const figures = await applyStream(saved.me, saved.chats, saved.events, mode, pageSize);
    out({ phase: 'desktop-apply', ...figures, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 });
  }
}

async function main(): Promise<void> {
  if (flags['apply-only']) {
    await desktopApply(JSON.parse(readFileSync(flags['apply-only'], 'utf8')) as Saved);
    return;
  }
  const kind = flags.db as DbChoice;
  if (kind !== 'postgres' && kind !== 'pglite') throw new Error('--db must be postgres or pglite');
  const target = positiveInt(flags.events, 'events');
  const peerCount = positiveInt(flags.peers, 'peers');
  const rounds = positiveInt(flags.rounds, 'rounds');
  const cleanup = new Cleanup(log);
  try {
    const db = await createBenchDatabase(kind);
    cleanup.add('drop database', () => db.drop(), 60_000);
    const port = await freePort();
    const server = await startServerProcess({
      port,
      env: { ...db.env, ...testNumbersEnv(peerCount + 1) },
      nodeFlags: flags['server-cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${flags['server-cpu-prof']}`] : [],
    });
    cleanup.add('stop server', () => server.stop(), 130_000);
    log(`server pid ${server.pid} on ${server.url} (${kind})`);
    const users = await signInUsers(server.url, peerCount + 1, 'catchup-bench');
    const clients = await mapLimit(users, 16, async (user) => ({ user, client: connectWs(server.url, user.accessToken) }));
    cleanup.add('close fill sockets', () => Promise.all(clients.map((c) => c.client.close())).then(() => undefined));

    log(`filling about ${target.toLocaleString('en-US')} events into user 0's stream over ${peerCount} chats`);
    const fillStart = performance.now();
    const counts = await fillStream(clients[0]!, clients.slice(1), target, log);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    // A fresh sign-in (a new device of user 0): the fill outlasts an access token.
    const me = (await signInUsers(server.url, 1, 'catchup-bench-replay'))[0]!;
    const http = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${me.accessToken}` } })] });
    const head = Number((await http.sync.changes.query({ since: '999999999999999', limit: 1 })).nextSince);
    out({ phase: 'fill', db: kind, head, operations: counts, seconds: Math.round(fillSeconds), opsPerSec: Math.round(target / fillSeconds) });
    await Promise.all(clients.map((c) => c.client.close()));
    const analyzed = flags.analyze === 'yes' && (await db.analyze());
    out({ phase: 'statistics', db: kind, analyzed });
    const rssIdle = await minRssMbOver(server.pid, 3000);

    let saved: Saved | null = null;
    for (let round = 1; round <= rounds; round++) {
      log(`round ${round}: replay over sync.events (WebSocket)`);
      const ws = await replayOverWs(server.url, me.accessToken, head, server.pid, db.postgresName, round === rounds);
      out({ phase: 'replay', db: kind, round, ...ws.figures, serverRssMbIdle: Math.round(rssIdle) });
      if (round === rounds) {
        const chats = (await http.chats.list.query({ limit: 200, includeHidden: true })).chats;
        saved = { me: me.id, chats, events: ws.events };
        if (flags['save-events']) writeFileSync(flags['save-events'], JSON.stringify(saved));
      }
      log(`round ${round}: replay over sync.changes pages of ${pageSize} (HTTP)`);
      const pages = await replayOverHttp(server.url, me.accessToken, pageSize, server.pid, db.postgresName);
      out({ phase: 'replay', db: kind, round, ...pages, serverRssMbIdle: Math.round(rssIdle) });
    }
    await server.stop();
    if (saved) await desktopApply(saved);
  } finally {
    await cleanup.runAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
