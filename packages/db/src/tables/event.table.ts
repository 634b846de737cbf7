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

/**
 * A group chat's own event stream (migration 0065): events every member sees are stored once
 * here; `num` names the chat in resume tokens.
 */
export interface ChatStreamTable {
  chatId: string;
  num: Generated<number>;
  lastSeq: Generated<number>;
  /** Bumped by a trigger whenever the group's membership changes. */
  membersVersion: Generated<number>;
  /** The `membersVersion` the open windows were last brought up to. */
  windowsVersion: Generated<number>;
}

/** One entry of one chat's stream. */
export interface ChatEventTable {
  chatNum: number;
  seq: number;
  payloadId: number;
  /** This event's append opened or closed somebody's window. */
  windowsChanged: Generated<boolean>;
}

/** A member's view of a chat stream: the seqs `fromSeq < seq <= toSeq` (open while `toSeq` is null). */
export interface StreamWindowTable {
  userId: string;
  chatNum: number;
  fromSeq: number;
  toSeq: number | null;
}

/** This file's tables, by the name queries use (part of `Database`). */
export interface EventTables {
  userStreams: UserStreamTable;
  events: EventTable;
  eventPayloads: EventPayloadTable;
  chatStreams: ChatStreamTable;
  chatEvents: ChatEventTable;
  streamWindows: StreamWindowTable;
}
