import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChatView, SyncEvent } from '@confab/api';
import { openCache } from '@confab/desktop/core/cache/cache';
import { newChangeSet } from '@confab/desktop/core/cache/change-set';
import { StateKeys } from '@confab/desktop/core/cache/state.repo';
import { storeChat } from '@confab/desktop/core/cache/store';
import { applyPage } from '@confab/desktop/core/sync/catch-up';
import { LiveApplier } from '@confab/desktop/core/sync/live-apply';

export interface ApplyFigures {
  path: 'pages' | 'live';
  events: number;
  seconds: number;
  eventsPerSec: number;
  cpuMsPer1000: number;
  /** Transactions (commits) the apply made. */
  commits: number;
  messagesInCache: number;
  /** Hits of a word search for the last message's first word: the index is there. */
  searchHits: number;
}

/**
 * The desktop core applying a replayed stream into a fresh cache (the search indexes included),
 * with its own code. `pages`: as catch-up applies sync.changes, `pageSize` events per transaction.
 * `live`: as the sync engine applies what sync.events delivers, through its LiveApplier (events
 * that arrive together share one transaction), fed one event per call as the socket hands them.
 */
export async function applyStream(
  me: string,
  chats: readonly ChatView[],
  events: readonly { id: string; event: SyncEvent }[],
  mode: 'pages' | 'live',
  pageSize: number,
): Promise<ApplyFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'confab-catchup-apply-'));
  const cache = openCache(path.join(dir, 'cache.sqlite'));
  try {
    cache.state.setJson(StateKeys.sessionUser, { id: me, phone: null, name: 'Me', about: '', avatarMediaId: null, deleted: false });
    cache.transaction(() => {
      const ctx = { cache, me, now: () => new Date(), changes: newChangeSet() };
      for (const chat of chats) storeChat(ctx, chat);
      cache.state.set(StateKeys.lastEventId, '0');
    });
    let commits = 0;
    const deps = { cache, me, now: () => new Date(), onChanges: () => void (commits += 1) };
    const started = performance.now();
    const cpu = process.cpuUsage();
    if (mode === 'pages') {
      for (let i = 0; i < events.length; i += pageSize) {
        const page = events.slice(i, i + pageSize);
        applyPage(deps, page, page.at(-1)!.id);
      }
    } else {
      const live = new LiveApplier({ ...deps, log: () => undefined });
      // The socket hands events over one by one; the 'message' callbacks of one read run back to
      // back, then the event loop turns. 64 events per turn is about what one read of a replay held.
      for (let i = 0; i < events.length; i += 64) {
        for (const { id, event } of events.slice(i, i + 64)) live.push(id, event);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await live.flushed();
    }
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    const count = events.length;
    const last = [...events].reverse().find((e) => e.event.type === 'message.new' && e.event.message.text);
    const word = last?.event.type === 'message.new' ? (last.event.message.text ?? '').split(/\s+/).find((w) => /^[a-z]{4,}$/i.test(w)) : undefined;
    return {
      path: mode,
      events: count,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSec: Math.round(count / seconds),
      cpuMsPer1000: Math.round((((used.user + used.system) / 1000 / count) * 1000) * 100) / 100,
      commits,
      messagesInCache: cache.db.prepare('SELECT count(*) FROM messages').pluck().get() as number,
      searchHits: word ? cache.search.search(word, { order: 'newest', limit: 50 }).hits.length : 0,
    };
  } finally {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
