import type { Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

/** 'ringing' until someone other than the caller joins; 'ended' is final. */
export type CallState = 'ringing' | 'active' | 'ended';
/** Why a call ended: hung up after an answer, never answered, refused, or everyone dropped. */
export type CallEndReason = 'completed' | 'missed' | 'declined' | 'busy' | 'cancelled' | 'dropped';
/**
 * A participant's part: still ringing, in the call (on one device, `sessionId`), gone again,
 * or never there (declined, missed, busy, blocked — a blocked user's call never rings).
 */
export type CallParticipantState = 'ringing' | 'joined' | 'left' | 'declined' | 'missed' | 'busy' | 'blocked';

/** A voice or video call in a chat: kept as the call history; signalling itself is never stored. */
export interface CallTable {
  id: string;
  chatId: string;
  callerId: string;
  video: boolean;
  state: CallState;
  endReason: CallEndReason | null;
  startedAt: Timestamp;
  /** When a second person joined. */
  answeredAt: Timestamp | null;
  endedAt: Timestamp | null;
}
export type Call = Selectable<CallTable>;

export interface CallParticipantTable {
  callId: string;
  userId: string;
  state: CallParticipantState;
  /** The device (session) that is in the call; its signalling goes there only. */
  sessionId: string | null;
  joinedAt: Timestamp | null;
  leftAt: Timestamp | null;
  /** Last signal or keep-alive from the device in the call: silence past a limit drops it. */
  lastSeenAt: Timestamp | null;
}
export type CallParticipant = Selectable<CallParticipantTable>;

/** This file's tables, by the name queries use (part of `Database`). */
export interface CallTables {
  calls: CallTable;
  callParticipants: CallParticipantTable;
}
