import type { PageEvent } from '../../shared/page-events.js';
import type { Cache } from './cache.js';
import type { MessageRow } from './message-row.js';

/** What a batch of writes changed, collected inside the transaction and announced after it. */
export interface ChangeSet {
  /** Unread counts may have moved: the tray's badge is worked out again. */
  chatList: boolean;
  /**
   * What the page is told once the transaction has committed, in order: each server event the
   * cache applied, as the server sent it, and the changes the cache made on its own (a page of
   * history fetched, a chat loaded, a disappearing message gone).
   */
  events: PageEvent[];
  /** Messages from others seen for the first time via message.new: notification candidates. */
  arrived: MessageRow[];
  /** Chats named by an event that the cache did not know: to fetch with chats.get. */
  unknownChats: Set<string>;
  /** Sessions the server ended (session.revoked). */
  endedSessions: string[];
  /** A story came from someone the cache has no profile of: the feed is fetched again. */
  staleStories: boolean;
  /** Downloaded attachment files whose message is gone. */
  files: string[];
  eventsApplied: number;
}

export const newChangeSet = (): ChangeSet => ({
  chatList: false,
  events: [],
  arrived: [],
  unknownChats: new Set(),
  endedSessions: [],
  staleStories: false,
  files: [],
  eventsApplied: 0,
});

/** Everything a write needs: the cache, who "me" is, the time, and where to record changes. */
export interface WriteContext {
  cache: Cache;
  me: string;
  now: () => Date;
  changes: ChangeSet;
}
