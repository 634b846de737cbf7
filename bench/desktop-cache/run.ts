/**
 * The desktop cache at scale: fills a cache with N messages across M chats (mixed English,
 * names, accents, links, emoji, ~5 % Chinese/Japanese) through the same code the sync engine
 * uses, then times search, opening a chat and scrolling back, and a 10,000-event catch-up.
 * Prints figures; asserts nothing. See README.md here for a recorded run.
 *
 *   npx tsx bench/desktop-cache/run.ts [--messages 1000000] [--chats 1000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { MessageView, SyncEvent } from '@confab/api';
import { readMessages } from '@confab/desktop/core/actions/history';
import { openCache, type Cache } from '@confab/desktop/core/cache/cache';
import { newChangeSet, type WriteContext } from '@confab/desktop/core/cache/change-set';
import { MessagesRepo } from '@confab/desktop/core/cache/messages.repo';
import { chatItem } from '@confab/desktop/core/cache/read-model';
import type { SearchIndexer } from '@confab/desktop/core/cache/search/indexer';
import { StateKeys } from '@confab/desktop/core/cache/state.repo';
import { storeChat, storeMessage } from '@confab/desktop/core/cache/store';
import { applyPage } from '@confab/desktop/core/sync/catch-up';
import { positiveInt, readFlags } from '../lib/args.js';
import { Corpus, rareWord, seededRandom } from './corpus.js';
import { chatViewFor, countHits, percentile, QUERIES, type Timing } from './support.js';

const flags = readFlags(
  {
    messages: { default: '1000000', help: 'messages to put in the cache' },
    chats: { default: '1000', help: 'chats they are spread over (a few busy, most quiet)' },
    'catch-up': { default: '10000', help: 'events in the catch-up' },
    keep: { default: '', help: 'keep the cache file in this folder instead of a temporary one' },
  },
  'usage: npx tsx bench/desktop-cache/run.ts [flags]',
);
const totalMessages = positiveInt(flags.messages, 'messages');
const chatCount = positiveInt(flags.chats, 'chats');
const catchUpEvents = positiveInt(flags['catch-up'], 'catch-up');

const ME = 'user-me';
const log = (text: string) => process.stderr.write(`[desktop-cache] ${text}\n`);
const ms = (start: number) => performance.now() - start;
/** CPU time of this process since `start` (ms): wall time on a shared machine includes waiting for a core. */
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

const dir = flags.keep || mkdtempSync(path.join(tmpdir(), 'confab-cache-bench-'));
const file = path.join(dir, 'cache.sqlite');
rmSync(file, { force: true });
const cache = openCache(file);
cache.state.setJson(StateKeys.sessionUser, { id: ME, phone: null, name: 'Me', about: '', avatarMediaId: null, deleted: false });
const random = seededRandom(42);
const corpus = new Corpus(random);
const context = (): WriteContext => ({ cache, me: ME, now: () => new Date(), changes: newChangeSet() });

// ── Chats and messages ──────────────────────────────────────────────────────────────────────
const chatIds = Array.from({ length: chatCount }, (_, i) => `chat-${String(i).padStart(5, '0')}`);
cache.transaction(() => chatIds.forEach((id, i) => storeChat(context(), chatViewFor(id, i))));
const lastSeq = new Map<string, number>(chatIds.map((id) => [id, 0]));
/** A few chats get most of the traffic, as in real life. */
const pickChat = () => chatIds[Math.floor(chatCount * random() ** 3)]!;
const start = Date.parse('2024-01-01T00:00:00Z');
const span = 2 * 365 * 24 * 3600 * 1000;
let clock = start;

function nextMessage(chatId: string, at: number): MessageView {
  const seq = lastSeq.get(chatId)! + 1;
  lastSeq.set(chatId, seq);
  const id = `${chatId}-m${seq}`;
  return {
    id,
    chatId,
    seq,
    senderId: random() < 0.45 ? ME : `user-${chatId}-${Math.floor(random() * 3)}`,
    clientId: id,
    kind: 'text',
    text: corpus.message(),
    mediaId: null,
    replyToId: null,
    meta: null,
    createdAt: new Date(at).toISOString(),
    editedAt: null,
    deletedAt: null,
    expiresAt: null,
    reactions: [],
  };
}

log(`filling ${fmt(totalMessages)} messages across ${fmt(chatCount)} chats into ${file}`);
const BATCH = 2000;
let fillMs = 0;
let fillCpuMs = 0;
for (let done = 0; done < totalMessages; done += BATCH) {
  const batch: MessageView[] = [];
  for (let i = done; i < Math.min(totalMessages, done + BATCH); i++) {
    clock = start + Math.floor((i / totalMessages) * span) + Math.floor(random() * 1000);
    batch.push(nextMessage(pickChat(), clock));
  }
  const t = performance.now();
  const cpu = process.cpuUsage();
  const ctx = context();
  cache.transaction(() => batch.forEach((m) => storeMessage(ctx, m)));
  fillMs += ms(t);
  fillCpuMs += cpuMs(cpu);
  if ((done / BATCH) % 50 === 0) log(`  ${fmt(done + batch.length)} stored, ${fmt(((done + batch.length) / fillMs) * 1000)} msg/s so far`);
}
cache.transaction(() => chatIds.forEach((id) => cache.chats.setCompleteFrom(id, 0)));
cache.db.pragma('wal_checkpoint(TRUNCATE)');

// The same rows without the search tables, for the index's share of the cost.
const baseOnly = measureBaseOnly(Math.min(100_000, totalMessages));

// ── Search ──────────────────────────────────────────────────────────────────────────────────
const queries = QUERIES(rareWord);
type Order = 'newest' | 'relevance';
const searchRows: { query: string; hits: string; wall: Record<Order, number>; cpu: Record<Order, number> }[] = [];
const samples: Record<Order, Timing[]> = { newest: [], relevance: [] };
for (const query of queries) {
  const wall: Record<Order, number> = { newest: 0, relevance: 0 };
  const cpu: Record<Order, number> = { newest: 0, relevance: 0 };
  for (const order of ['newest', 'relevance'] as const) {
    const runs = timeRuns(() => cache.search.search(query, { order, limit: 50 }), 5);
    samples[order].push(...runs);
    wall[order] = percentile(runs.map((r) => r.wall), 50);
    cpu[order] = percentile(runs.map((r) => r.cpu), 50);
  }
  searchRows.push({ query, hits: countHits(cache, query), wall, cpu });
}
const busiest = chatIds[0]!;
const inChat = timeRuns(() => cache.search.search('the', { chatId: chatIds[500]!, limit: 50 }), 5);

// ── Open a chat, scroll back ────────────────────────────────────────────────────────────────
const openTimes: Timing[] = [];
const scrollTimes: Timing[] = [];
for (const chatId of [busiest, ...Array.from({ length: 19 }, () => pickChat())]) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  let page = readMessages(cache, ME, chatId, {}, new Date());
  openTimes.push({ wall: ms(t), cpu: cpuMs(cpu) });
  for (let i = 0; i < 10 && page.messages.length > 0; i++) {
    page = readMessages(cache, ME, chatId, { beforeSeq: page.messages[0]!.seq! }, new Date());
  }
  scrollTimes.push({ wall: ms(t), cpu: cpuMs(cpu) });
}

const listChats = timeRuns(() => cache.chats.list(false).map((row) => chatItem(cache, row, ME, new Date())), 5);

// ── Catch-up ────────────────────────────────────────────────────────────────────────────────
const events = catchUpStream(catchUpEvents);
const catchUpStart = performance.now();
const catchUpCpu = process.cpuUsage();
for (let i = 0; i < events.length; i += 1000) {
  const page = events.slice(i, i + 1000);
  applyPage({ cache, me: ME, now: () => new Date(), onChanges: () => undefined }, page, page.at(-1)!.id);
}
const catchUpMs = ms(catchUpStart);
const catchUpCpuMs = cpuMs(catchUpCpu);

// ── Size ────────────────────────────────────────────────────────────────────────────────────
cache.db.pragma('wal_checkpoint(TRUNCATE)');
const bytes = statSync(file).size;
const breakdown = sizeBreakdown(cache);

// ── Report ──────────────────────────────────────────────────────────────────────────────────
const lines = [
  `messages ${fmt(totalMessages)} in ${fmt(chatCount)} chats; SQLite ${cache.db.prepare('select sqlite_version() v').pluck().get() as string}`,
  `load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`,
  `insert (rows + search index): ${fmt((totalMessages / fillMs) * 1000)} msg/s wall (${fmt(fillMs / 1000)} s), ${fmt((totalMessages / fillCpuMs) * 1000)} msg/s per CPU-second`,
  `insert (rows only, ${fmt(baseOnly.count)} msgs): ${fmt(baseOnly.rate)} msg/s wall, ${fmt(baseOnly.cpuRate)} msg/s per CPU-second`,
  `search, first page of 50 with snippets, p50 / p95 over ${queries.length} queries × 5 runs (wall; CPU):`,
  `  newest first:  ${p50p95(samples.newest)}`,
  `  by relevance:  ${p50p95(samples.relevance)}`,
  `  one chat ("the" in a mid-size chat): ${p50p95(inChat)}`,
  '  query                          hits      newest wall / cpu ms   relevance wall / cpu ms',
  ...searchRows.map(
    (r) => `  ${r.query.padEnd(30)} ${r.hits.padStart(9)}   ${`${fmt(r.wall.newest)} / ${fmt(r.cpu.newest)}`.padStart(19)}   ${`${fmt(r.wall.relevance)} / ${fmt(r.cpu.relevance)}`.padStart(22)}`,
  ),
  `list all ${fmt(chatCount)} chats (with last message, read marks): ${p50p95(listChats)}`,
  `open a chat (newest 50), over 20 chats:  ${p50p95(openTimes)}`,
  `open + scroll back 10 pages of 50:       ${p50p95(scrollTimes)}`,
  `catch-up of ${fmt(events.length)} events (pages of 1,000): ${fmt(catchUpMs)} ms wall (${fmt((events.length / catchUpMs) * 1000)} events/s), ${fmt(catchUpCpuMs)} ms CPU`,
  `cache file: ${fmt(bytes / 1024 / 1024)} MB (${breakdown})`,
];
console.log(lines.join('\n'));
cache.close();
if (!flags.keep) rmSync(dir, { recursive: true, force: true });

// ── Helpers that need this run's state ──────────────────────────────────────────────────────

/** One warm-up, then `runs` timed runs (wall and CPU ms each). */
function timeRuns(work: () => unknown, runs: number): Timing[] {
  work();
  const times: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    work();
    times.push({ wall: ms(t), cpu: cpuMs(cpu) });
  }
  return times;
}

function p50p95(times: readonly Timing[]): string {
  const wall = times.map((t) => t.wall);
  const cpu = times.map((t) => t.cpu);
  return `${fmt(percentile(wall, 50))} / ${fmt(percentile(wall, 95))} ms wall; ${fmt(percentile(cpu, 50))} / ${fmt(percentile(cpu, 95))} ms CPU`;
}

function measureBaseOnly(count: number): { count: number; rate: number; cpuRate: number } {
  const scratchFile = path.join(dir, 'base-only.sqlite');
  const scratch = openCache(scratchFile);
  const noIndex = { index: () => undefined, unindex: () => undefined } as unknown as SearchIndexer;
  const repo = new MessagesRepo(scratch.db, noIndex);
  const rng = new Corpus(seededRandom(7));
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let done = 0; done < count; done += BATCH) {
    scratch.transaction(() => {
      for (let i = done; i < Math.min(count, done + BATCH); i++) {
        const chatId = chatIds[i % chatCount]!;
        const id = `base-${i}`;
        const createdAt = new Date(start + i * 1000).toISOString();
        repo.upsertView({ id, chatId, seq: i + 1, senderId: ME, clientId: id, kind: 'text', text: rng.message(), mediaId: null, replyToId: null, meta: null, createdAt, editedAt: null, deletedAt: null, expiresAt: null, reactions: [] }, 1);
      }
    });
  }
  const elapsed = ms(t);
  const elapsedCpu = cpuMs(cpu);
  scratch.close();
  rmSync(scratchFile, { force: true });
  rmSync(`${scratchFile}-wal`, { force: true });
  rmSync(`${scratchFile}-shm`, { force: true });
  return { count, rate: (count / elapsed) * 1000, cpuRate: (count / elapsedCpu) * 1000 };
}

/** New messages (mostly), reactions, read receipts, edits and deletions, as a stream. */
function catchUpStream(count: number): { id: string; event: SyncEvent }[] {
  const stream: { id: string; event: SyncEvent }[] = [];
  const recent: MessageView[] = [];
  let at = clock + 60_000;
  let id = 1;
  while (stream.length < count) {
    const r = random();
    let event: SyncEvent;
    const target = recent[Math.floor(random() * recent.length)];
    if (r < 0.8 || !target) {
      at += 1000;
      const message = nextMessage(pickChat(), at);
      recent.push(message);
      event = { type: 'message.new', message };
    } else if (r < 0.9) {
      event = { type: 'reaction', chatId: target.chatId, messageId: target.id, userId: `user-${target.chatId}-1`, emoji: '👍' };
    } else if (r < 0.95) {
      event = { type: 'receipt', chatId: target.chatId, userId: `user-${target.chatId}-0`, readSeq: target.seq, deliveredSeq: target.seq };
    } else if (r < 0.98) {
      event = { type: 'message.updated', message: { ...target, text: `${target.text} (edited)`, editedAt: new Date(at).toISOString() } };
    } else {
      event = { type: 'message.deleted', chatId: target.chatId, messageId: target.id, seq: target.seq, forEveryone: true };
    }
    stream.push({ id: String(id++), event });
  }
  return stream;
}

function sizeBreakdown(c: Cache): string {
  try {
    const rows = c.db.prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`).all() as { name: string; bytes: number }[];
    const groups = new Map<string, number>();
    for (const { name, bytes: size } of rows) {
      const group = name.startsWith('search_words') ? 'word index' : name.startsWith('search_trigram') ? 'trigram index' : name.startsWith('search_bigram') ? 'bigram index' : name.startsWith('messages') || name.startsWith('sqlite_autoindex_messages') ? 'messages + indexes' : 'other';
      groups.set(group, (groups.get(group) ?? 0) + size);
    }
    return [...groups].sort((a, b) => b[1] - a[1]).map(([g, size]) => `${g} ${fmt(size / 1024 / 1024)} MB`).join(', ');
  } catch {
    return 'no dbstat';
  }
}
