import type { ScreenEvent } from '../types.js';
import type { Cache } from './cache.js';
import type { MessageRow } from './message-row.js';

/** What a batch of writes changed, collected inside the transaction and announced after it. */
export interface ChangeSet {
  chatList: boolean;
  messageChats: Set<string>;
  /** Messages from others seen for the first time via message.new: notification candidates. */
  arrived: MessageRow[];
  /** Chats named by an event that the cache did not know: to fetch with chats.get. */
  unknownChats: Set<string>;
  /** Sessions the server ended (session.revoked). */
  endedSessions: string[];
  /** Downloaded attachment files whose message is gone. */
  files: string[];
  /** Events passed on to the screens as they are (group info, roles, polls, settings). */
  screenEvents: ScreenEvent[];
  eventsApplied: number;
}

export const newChangeSet = (): ChangeSet => ({
  chatList: false,
  messageChats: new Set(),
  arrived: [],
  unknownChats: new Set(),
  endedSessions: [],
  files: [],
  screenEvents: [],
  eventsApplied: 0,
});

/** Everything a write needs: the cache, who "me" is, the time, and where to record changes. */
export interface WriteContext {
  cache: Cache;
  me: string;
  now: () => Date;
  changes: ChangeSet;
}
