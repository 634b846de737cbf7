import type { Generated, Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

/** A poll, posted as a message of kind 'poll' (messageId) in a chat. */
export interface PollTable {
  id: string;
  chatId: string;
  messageId: string;
  creatorId: string;
  question: string;
  multipleAnswers: boolean;
  createdAt: Timestamp;
}
export type Poll = Selectable<PollTable>;

export interface PollOptionTable {
  id: string;
  pollId: string;
  position: number;
  text: string;
}
export type PollOption = Selectable<PollOptionTable>;

/** One row per voter and chosen option. */
export interface PollVoteTable {
  pollId: string;
  optionId: string;
  userId: string;
  createdAt: Timestamp;
  /** Increases with every vote cast; orders voters as they voted. */
  castOrder: Generated<number>;
}

/** This file's tables, by the name queries use (part of `Database`). */
export interface PollTables {
  polls: PollTable;
  pollOptions: PollOptionTable;
  pollVotes: PollVoteTable;
}
