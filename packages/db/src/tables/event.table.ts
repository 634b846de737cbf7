import type { Generated, Selectable } from 'kysely';
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

/** An event's content, stored once however many streams carry it. */
export interface EventPayloadTable {
  id: Generated<number>;
  type: string;
  /** The message the event shows, so its content can be redacted when it is deleted. */
  messageId: string | null;
  payload: Json;
  createdAt: Timestamp;
}

/** One entry of one user's stream. */
export interface EventTable {
  userId: string;
  seq: number;
  payloadId: number;
}
export type StoredEvent = Selectable<EventTable>;

/** This file's tables, by the name queries use (part of `Database`). */
export interface EventTables {
  userStreams: UserStreamTable;
  events: EventTable;
  eventPayloads: EventPayloadTable;
}
