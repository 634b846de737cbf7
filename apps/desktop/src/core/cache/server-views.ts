import type { RouterOutputs, SyncEvent } from '@confab/api';

/** The server's shapes the cache keeps as they came (named from its events and answers, not re-declared). */
export type StoryView = Extract<SyncEvent, { type: 'story.new' }>['story'];
export type NotificationView = Extract<SyncEvent, { action: 'new' | 'updated' }>['notification'];
export type EmoticonView = Extract<SyncEvent, { type: 'emoticon.created' }>['emoticon'];
export type FeedAuthor = RouterOutputs['stories']['feed']['authors'][number];
export type MyStory = RouterOutputs['stories']['mine']['stories'][number];
export type NotificationPage = RouterOutputs['notifications']['list'];
