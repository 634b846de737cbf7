import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

export type ReportStatus = 'open' | 'resolved';

/** A user's report about another user (or a group), waiting for a moderator. */
export interface ReportTable {
  id: string;
  reporterId: string;
  targetUserId: string | null;
  targetChatId: string | null;
  reason: string;
  /** Ids of messages the reporter could see when reporting, as a JSON array. */
  messageIds: ColumnType<unknown, string | undefined, string>;
  /** The attached messages as they were at report time (JSON array of snapshots). */
  evidence: ColumnType<unknown, string | undefined, string>;
  status: Generated<ReportStatus>;
  createdAt: Timestamp;
  resolvedAt: Timestamp | null;
  resolvedBy: string | null;
  resolution: string | null;
}
export type Report = Selectable<ReportTable>;

/** This file's tables, by the name queries use (part of `Database`). */
export interface ReportTables {
  reports: ReportTable;
}
