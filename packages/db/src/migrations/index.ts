import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './2026_11_25_0001_users_and_auth.js';
import * as m0002 from './2026_11_25_0002_media.js';
import * as m0003 from './2026_11_25_0003_chats_and_messages.js';
import * as m0004 from './2026_11_25_0004_event_streams.js';
import * as m0005 from './2026_11_25_0005_profiles_media.js';
import * as m0006 from './2026_11_25_0006_rate_limit_hits.js';
import * as m0007 from './2026_11_25_0007_groups_and_polls.js';
import * as m0008 from './2026_11_25_0008_chat_features.js';
import * as m0009 from './2026_11_26_0009_detached_media.js';
import * as m0010 from './2026_11_27_0010_auth_housekeeping_indexes.js';
import * as m0011 from './2026_12_02_0011_send_message_function.js';
import * as m0030 from './2026_12_02_0030_stories.js';
import * as m0031 from './2026_12_02_0031_notifications.js';
import * as m0032 from './2026_12_02_0032_devices.js';
import * as m0040 from './2026_12_02_0040_starred_messages.js';
import * as m0041 from './2026_12_02_0041_pinned_archived_chats.js';
import * as m0050 from './2026_12_02_0050_calls.js';
import * as m0042 from './2026_12_03_0042_contacts_requests_labels.js';
import * as m0045 from './2026_12_03_0045_moderation.js';
import * as m0060 from './2026_12_03_0060_live_locations.js';
import * as m0061 from './2026_12_03_0061_emoticons.js';
import * as m0063 from './2026_12_04_0063_presence_processes.js';
import * as m0064 from './2026_12_06_0064_message_emoticon_index.js';
import * as m0065 from './2026_12_06_0065_chat_streams.js';
import * as m0066 from './2026_12_06_0066_reaction_emoticons.js';

/** A static record, so migrations survive bundling (no directory scan). */
export const migrations: Record<string, Migration> = {
  '2026_11_25_0001_users_and_auth': m0001,
  '2026_11_25_0002_media': m0002,
  '2026_11_25_0003_chats_and_messages': m0003,
  '2026_11_25_0004_event_streams': m0004,
  '2026_11_25_0005_profiles_media': m0005,
  '2026_11_25_0006_rate_limit_hits': m0006,
  '2026_11_25_0007_groups_and_polls': m0007,
  '2026_11_25_0008_chat_features': m0008,
  '2026_11_26_0009_detached_media': m0009,
  '2026_11_27_0010_auth_housekeeping_indexes': m0010,
  '2026_12_02_0011_send_message_function': m0011,
  '2026_12_02_0030_stories': m0030,
  '2026_12_02_0031_notifications': m0031,
  '2026_12_02_0032_devices': m0032,
  '2026_12_02_0040_starred_messages': m0040,
  '2026_12_02_0041_pinned_archived_chats': m0041,
  '2026_12_02_0050_calls': m0050,
  '2026_12_03_0042_contacts_requests_labels': m0042,
  '2026_12_03_0045_moderation': m0045,
  '2026_12_03_0060_live_locations': m0060,
  '2026_12_03_0061_emoticons': m0061,
  '2026_12_04_0063_presence_processes': m0063,
  '2026_12_06_0064_message_emoticon_index': m0064,
  '2026_12_06_0065_chat_streams': m0065,
  '2026_12_06_0066_reaction_emoticons': m0066,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
