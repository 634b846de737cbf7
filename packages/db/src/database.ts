import type { AuthTables } from './tables/auth.table.js';
import type { CallTables } from './tables/call.table.js';
import type { ChatTables } from './tables/chat.table.js';
import type { EventTables } from './tables/event.table.js';
import type { GroupTables } from './tables/group.table.js';
import type { MediaTables } from './tables/media.table.js';
import type { MessageTables } from './tables/message.table.js';
import type { PollTables } from './tables/poll.table.js';
import type { ReportTables } from './tables/report.table.js';
import type { SettingsTables } from './tables/settings.table.js';
import type { StoryTables } from './tables/story.table.js';
import type { NotificationTables } from './tables/notification.table.js';
import type { UserTables } from './tables/user.table.js';
import type { SharingTables } from './tables/sharing.table.js';

/**
 * Every table, by the name queries use. Each table file declares its own part, so a table added
 * to an existing file needs no edit here.
 */
export interface Database extends UserTables, AuthTables, MediaTables, ChatTables, MessageTables, EventTables, ReportTables, GroupTables, PollTables, SettingsTables, CallTables, StoryTables, NotificationTables, SharingTables {}
