import type { ChatView, MessageView, SyncEvent } from '@confab/api';
import { applyEvent } from '../cache/apply-event.js';
import type { Cache } from '../cache/cache.js';
import { newChangeSet, type ChangeSet, type WriteContext } from '../cache/change-set.js';
import { StateKeys } from '../cache/state.repo.js';
import { forgetMedia, storeChat, storeHistoryPage } from '../cache/store.js';
import { eventIdCovers } from '../../shared/event-id.js';
import { isResyncRequired } from './errors.js';
import type { ApiClient } from './transport.js';

export interface CatchUpDeps {
  cache: Cache;
  me: string;
  http: ApiClient;
  now: () => Date;
  /** How many of the most recent chats get their newest page on a first load. */
  historyChats: number;
  onChanges(changes: ChangeSet): void;
  onPage(): void;
}

const PAGE = 1000;
/** `since` past any stream's end: sync.changes answers with the stream's head as nextSince. */
const FAR_FUTURE = '999999999999999';
const HISTORY_PAGE = 50;

/**
 * Brings the cache up to the server's present before the live stream starts. With a stored
 * event id, the missed events come as pages of sync.changes, each page applied in one
 * transaction with its last id. Without one (first sign-in), or when the server no longer has
 * the events after it, the chat list and recent history are loaded instead.
 */
export async function catchUp(deps: CatchUpDeps): Promise<void> {
  let since = deps.cache.state.get(StateKeys.lastEventId);
  if (since === null) return initialLoad(deps, false);
  for (;;) {
    let page;
    try {
      page = await deps.http.sync.changes.query({ since, limit: PAGE });
    } catch (error) {
      // The server pruned the events after our id (EVENT_RETENTION_DAYS): rebuild from its state.
      if (isResyncRequired(error)) return initialLoad(deps, true);
      throw error;
    }
    deps.onPage();
    // The server refuses a trimmed stream (resync); a head behind us means it was reset.
    if (!eventIdCovers(page.nextSince, since)) return initialLoad(deps, true);
    applyPage(deps, page.events as { id: string; event: SyncEvent }[], page.nextSince);
    if (!page.hasMore) return;
    since = page.nextSince;
  }
}

/** Applies stored events and their last id in one transaction; ids at or below the stored one are skipped. */
export function applyPage(deps: Pick<CatchUpDeps, 'cache' | 'me' | 'now' | 'onChanges'>, events: readonly { id: string; event: SyncEvent }[], lastId: string): ChangeSet {
  const changes = newChangeSet();
  const ctx: WriteContext = { cache: deps.cache, me: deps.me, now: deps.now, changes };
  deps.cache.transaction(() => {
    const stored = deps.cache.state.get(StateKeys.lastEventId) ?? '0';
    for (const { id, event } of events) {
      if (eventIdCovers(stored, id)) continue;
      applyEvent(ctx, event);
      changes.eventsApplied += 1;
    }
    if (!eventIdCovers(stored, lastId) || deps.cache.state.get(StateKeys.lastEventId) === null) deps.cache.state.set(StateKeys.lastEventId, lastId);
  });
  deps.onChanges(changes);
  return changes;
}

/**
 * First load: the head first, then chats and history, so nothing between is missed. A rebuild
 * (the events since our id are gone) also drops every cached message the server did not just
 * return, since any of them may have been edited or deleted meanwhile, and forgets which ranges
 * were complete, so older pages come from the server again. Unsent messages and whatever the
 * outbox still refers to stay: the outbox is untouched and sends them as before.
 */
async function initialLoad(deps: CatchUpDeps, rebuild: boolean): Promise<void> {
  const head = (await deps.http.sync.changes.query({ since: FAR_FUTURE, limit: 1 })).nextSince;
  deps.onPage();
  const chats: ChatView[] = [];
  let cursor: number | undefined;
  do {
    const page = await deps.http.chats.list.query({ cursor, limit: 200, includeHidden: true });
    chats.push(...page.chats);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  const recent = chats.slice(0, deps.historyChats);
  // Issued together, the history queries travel as one batched request.
  const histories = await Promise.all(recent.map((chat) => deps.http.messages.history.query({ chatId: chat.id, limit: HISTORY_PAGE })));

  const changes = newChangeSet();
  const ctx: WriteContext = { cache: deps.cache, me: deps.me, now: deps.now, changes };
  deps.cache.transaction(() => {
    if (rebuild) dropStaleMessages(ctx, [...chats.flatMap((c) => (c.lastMessage ? [c.lastMessage] : [])), ...histories.flatMap((h) => h.messages)]);
    for (const chat of chats) storeChat(ctx, chat);
    recent.forEach((chat, i) => storeHistoryPage(ctx, chat.id, histories[i]!, null));
    deps.cache.state.set(StateKeys.lastEventId, head);
  });
  // Everything may have changed: the page reads its lists again rather than replaying each change.
  changes.events = [{ type: 'shell.resynced' }];
  deps.onChanges(changes);
}

/** Before a rebuild: cached sent messages the server did not just return go, and no range is complete. */
function dropStaleMessages(ctx: WriteContext, fresh: readonly MessageView[]): void {
  const keep = ctx.cache.outbox.referencedMessageIds();
  for (const message of fresh) keep.add(message.id);
  for (const chatId of ctx.cache.chats.ids()) {
    for (const row of ctx.cache.messages.inSeqRange(chatId, 0, Number.MAX_SAFE_INTEGER)) {
      if (keep.has(row.id)) continue;
      if (row.media_id) forgetMedia(ctx, row.media_id);
      ctx.cache.messages.removeRow(row);
    }
    ctx.cache.chats.setCompleteFrom(chatId, null);
  }
}
