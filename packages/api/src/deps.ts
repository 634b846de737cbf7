import type { Database, DbKind } from '@confab/db';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { CallSettings } from './calls/ice-servers.js';
import type { ActionLimits } from './lib/action-limits.js';
import type { Clock } from './ports/clock.js';
import type { EventBus } from './ports/event-bus.js';
import type { MediaProbe } from './ports/media-probe.js';
import type { EmoticonEncoder } from './ports/emoticon-encoder.js';
import type { MediaStore } from './ports/media-store.js';
import type { OtpProvider } from './ports/otp-provider.js';
import type { RateLimiters } from './ports/rate-limiter.js';
import type { PushSender } from './ports/push-sender.js';
import type { SmsSender } from './ports/sms-sender.js';

export interface AuthSettings {
  /** HMAC key for access tokens (HS256) and code hashes. At least 32 bytes. */
  jwtSecret: string;
  issuer: string;
  audience: string;
  accessTokenSeconds: number;
  /** Fixed codes for demo/test numbers (E.164 → code); they send nothing. */
  testNumbers: ReadonlyMap<string, string>;
  defaultRegion: string;
  /** Code requests one IP address may make per hour (SMS-pumping guard). */
  codeRequestsPerIpHour: number;
  /** A session not refreshed for this many days is ended (see auth/session-expiry.ts). */
  sessionIdleDays: number;
  /** Ended sessions are deleted this many days after they ended (auth/prune-auth-records.ts). */
  endedSessionRetentionDays: number;
  /** MODERATOR_PHONES: numbers (E.164) that are moderators without the admin command. */
  moderatorPhones?: ReadonlySet<string>;
}

/** Message features' settings; see messages/messaging-settings.ts for the defaults. */
export interface MessagingSettings {
  /** Test-only: link previews may fetch loopback/private addresses (never link-local or multicast). */
  linkPreviewAllowPrivate: boolean;
  /** Static map tile for location messages, with {z}, {x}, {y} placeholders; '' for none. */
  mapTileUrlTemplate: string;
  /** Test-only: any disappearing-message timer, not only 24 h / 7 d / 90 d. */
  disappearingAllowAny: boolean;
}

/** Everything the domain needs from the outside world, passed in once at start-up. */
export interface Deps {
  db: Kysely<Database>;
  dbKind: DbKind;
  bus: EventBus;
  clock: Clock;
  otp: OtpProvider;
  media: MediaStore;
  log: Logger;
  auth: AuthSettings;
  publicUrl: string;
  messaging?: MessagingSettings;
  /** Where rate limits are counted. */
  rateLimits: RateLimiters;
  /** Per-user caps on sends, typing and uploads (defaults in lib/action-limits.ts). */
  actionLimits?: ActionLimits;
  /** Duration and poster frame of videos and audio; absent where ffprobe is not installed. */
  mediaProbe?: MediaProbe;
  /** STUN/TURN for calls; absent, devices connect directly (host candidates only). */
  calls?: CallSettings;
  /** Web Push to devices with no open app; absent, nothing is pushed (notifications/push.ts). */
  push?: PushSender;
  /** Invitation texts (contacts.invite): Twilio Messaging, or the console; absent, only the share link. */
  sms?: SmsSender;
  /** Re-encodes images into custom emoticons; absent, emoticons.create is refused. */
  emoticons?: EmoticonEncoder;
}
