import type { Audience, Database, UserSettings } from '@confab/db';
import type { Kysely } from 'kysely';
import { toStoryPrivacy, type StoryPrivacy } from '../stories/story-privacy.js';

export type PrivacyField = 'lastSeen' | 'profilePhoto' | 'about' | 'readReceipts' | 'groupAdd';
export const PRIVACY_FIELDS = ['lastSeen', 'profilePhoto', 'about', 'readReceipts', 'groupAdd'] as const satisfies readonly PrivacyField[];
export const AUDIENCES = ['everyone', 'contacts', 'nobody'] as const satisfies readonly Audience[];
export const THEMES = ['system', 'light', 'dark'] as const;

export interface SettingsView {
  theme: string;
  /** Which notifications to show or push (per-chat mute still wins), with sound, and message text in them. */
  notifications: { preview: boolean; sound: boolean; messages: boolean; groups: boolean; stories: boolean; reactions: boolean };
  privacy: Record<PrivacyField, Audience> & { stories: StoryPrivacy; messageMe: MessageMe };
}

/** Who can start a conversation with me: with 'contacts' a stranger's first message is a message request. */
export type MessageMe = 'everyone' | 'contacts';
export const MESSAGE_ME = ['everyone', 'contacts'] as const satisfies readonly MessageMe[];

export const DEFAULT_SETTINGS: SettingsView = {
  theme: 'system',
  notifications: { preview: true, sound: true, messages: true, groups: true, stories: true, reactions: true },
  privacy: { lastSeen: 'everyone', profilePhoto: 'everyone', about: 'everyone', readReceipts: 'everyone', groupAdd: 'everyone', stories: 'contacts', messageMe: 'everyone' },
};

export function toSettingsView(row: UserSettings | undefined): SettingsView {
  if (!row) return DEFAULT_SETTINGS;
  return {
    theme: row.theme,
    notifications: {
      preview: row.notificationPreview,
      sound: row.notificationSound,
      messages: row.notifyMessages,
      groups: row.notifyGroups,
      stories: row.notifyStories,
      reactions: row.notifyReactions,
    },
    privacy: { lastSeen: row.lastSeen, profilePhoto: row.profilePhoto, about: row.about, readReceipts: row.readReceipts, groupAdd: row.groupAdd, stories: toStoryPrivacy(row.storyAudience, row.storyAudienceIds), messageMe: row.messageMe },
  };
}

export async function loadSettings(db: Kysely<Database>, userId: string): Promise<SettingsView> {
  return toSettingsView(await db.selectFrom('userSettings').selectAll().where('userId', '=', userId).executeTakeFirst());
}

/** One privacy setting of several users at once; users who never chose have 'everyone'. */
export async function privacyOf(db: Kysely<Database>, userIds: readonly string[], field: PrivacyField): Promise<Map<string, Audience>> {
  const ids = [...new Set(userIds)];
  const result = new Map<string, Audience>(ids.map((id) => [id, 'everyone']));
  if (ids.length === 0) return result;
  const rows = await db.selectFrom('userSettings').select(['userId', field]).where('userId', 'in', ids).execute();
  for (const row of rows) result.set(row.userId, row[field] as Audience);
  return result;
}
