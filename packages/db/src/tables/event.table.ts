import type { Selectable } from 'kysely';
import type { Json } from './message.table.js';
import type { Timestamp } from './user.table.js';

/**
 * Each user has one event stream. Its counter row is locked while an event is
 * appended, so seqs are gapless and a visible seq N means every seq < N is committed.
 */
export interface UserStreamTable {
  userId: string;
  lastSeq: number;
}

export interface EventTable {
  userId: string;
  seq: number;
  type: string;
  payload: Json;
  createdAt: Timestamp;
}
export type StoredEvent = Selectable<EventTable>;
