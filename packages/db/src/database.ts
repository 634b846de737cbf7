import type { AuthLockoutTable, OtpCodeTable, RateLimitHitTable, RateLimitTable, SessionTable, SpentRefreshTokenTable } from './tables/auth.table.js';
import type { ChatMemberTable, ChatTable } from './tables/chat.table.js';
import type { EventTable, UserStreamTable } from './tables/event.table.js';
import type { GroupInvitationTable, GroupInviteLinkTable } from './tables/group.table.js';
import type { MediaTable } from './tables/media.table.js';
import type { PollOptionTable, PollTable, PollVoteTable } from './tables/poll.table.js';
import type { ReportTable } from './tables/report.table.js';
import type { HiddenMessageTable, MessageEditTable, MessageTable, ReactionTable } from './tables/message.table.js';
import type { BlockTable, ContactTable, UserTable } from './tables/user.table.js';

export interface Database {
  users: UserTable;
  blocks: BlockTable;
  contacts: ContactTable;
  sessions: SessionTable;
  spentRefreshTokens: SpentRefreshTokenTable;
  otpCodes: OtpCodeTable;
  authLockouts: AuthLockoutTable;
  rateLimits: RateLimitTable;
  rateLimitHits: RateLimitHitTable;
  media: MediaTable;
  chats: ChatTable;
  chatMembers: ChatMemberTable;
  messages: MessageTable;
  messageEdits: MessageEditTable;
  reactions: ReactionTable;
  hiddenMessages: HiddenMessageTable;
  userStreams: UserStreamTable;
  events: EventTable;
  reports: ReportTable;
  groupInviteLinks: GroupInviteLinkTable;
  groupInvitations: GroupInvitationTable;
  polls: PollTable;
  pollOptions: PollOptionTable;
  pollVotes: PollVoteTable;
}
