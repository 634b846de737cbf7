import path from 'node:path';
import {
  ConsoleOtpProvider,
  ConsoleSmsSender,
  type SmsSender,
  databaseRateLimiter,
  InProcessBus,
  MemoryRateLimiter,
  systemClock,
  type Clock,
  type Deps,
  type EventBus,
  type OtpProvider,
  type RateLimiters,
} from '@confab/api';
import { maskPhone } from '@confab/api';
import { createDb, migrateToLatest } from '@confab/db';
import type { Logger } from 'pino';
import { createFfprobeMediaProbe } from './adapters/ffprobe.js';
import { createSharpEmoticonEncoder } from './adapters/sharp-emoticon-encoder.js';
import { createWebPushSender } from './adapters/web-push-sender.js';
import { FsMediaStore } from './adapters/fs-media-store.js';
import { RedisBus } from './adapters/redis-bus.js';
import { S3MediaStore } from './adapters/s3-media-store.js';
import { RedisRateLimiter } from './adapters/redis-rate-limiter.js';
import { TwilioVerifyProvider } from './adapters/twilio-verify.js';
import { TwilioMessagingSender } from './adapters/twilio-messaging.js';
import type { Config } from './config.js';

export interface AppOverrides {
  clock?: Clock;
  bus?: EventBus;
  /** Where the console provider delivers codes (default: the terminal). */
  deliverConsoleCode?: (phone: string, code: string) => void;
  otp?: OtpProvider;
  /** Where the console provider delivers invitation texts (default: the terminal). */
  deliverConsoleSms?: (phone: string, body: string) => void;
  sms?: SmsSender;
  /** memory:// databases start from this PGlite dump (tests: an already-migrated database). */
  pgliteSnapshot?: Blob;
}

export interface App {
  deps: Deps;
  close(): Promise<void>;
}

/** Connects to the database, migrates it and wires every port to its adapter. */
export async function createApp(config: Config, log: Logger, overrides: AppOverrides = {}): Promise<App> {
  // The bucket is checked first: a wrong S3 setting stops the start with its own message.
  const media = config.mediaStore.kind === 's3' ? new S3MediaStore(config.mediaStore.s3, path.join(config.dataDir, 'tmp', 'media')) : new FsMediaStore(path.join(config.dataDir, 'media'));
  if (media instanceof S3MediaStore) await media.check();

  const handle = await createDb({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    pgliteSnapshot: overrides.pgliteSnapshot,
    onConnectionError: (error) => log.warn({ event: 'db.connection_lost', err: error }, 'an idle database connection failed; the pool replaces it'),
  });
  const applied = await migrateToLatest(handle.db);
  if (applied.length) log.info({ applied }, 'database migrated');

  const clock = overrides.clock ?? systemClock;
  const bus = overrides.bus ?? (config.redisUrl ? new RedisBus(config.redisUrl, log) : new InProcessBus());
  // With Redis every process counts in it; without, the database (sign-in) and memory (hot actions).
  const localLimits: RateLimiters = { durable: databaseRateLimiter(handle.db), fast: new MemoryRateLimiter() };
  const redisLimits = config.redisUrl
    ? { durable: new RedisRateLimiter(config.redisUrl, localLimits.durable, log), fast: new RedisRateLimiter(config.redisUrl, localLimits.fast, log) }
    : null;
  const deliver =
    overrides.deliverConsoleCode ??
    ((phone: string, code: string) => process.stdout.write(`\n  Confab sign-in code for ${maskPhone(phone)}: ${code}\n\n`));
  const otp =
    overrides.otp ??
    (config.twilio ? new TwilioVerifyProvider(config.twilio, log, {}, clock) : new ConsoleOtpProvider(handle.db, clock, config.jwtSecret, deliver));

  // Invitations: Twilio Messaging when configured; in development the terminal; in production without it, none (share links only).
  const sms =
    overrides.sms ??
    (config.twilioMessaging
      ? new TwilioMessagingSender(config.twilioMessaging, log)
      : config.env === 'production'
        ? undefined
        : new ConsoleSmsSender(overrides.deliverConsoleSms ?? ((phone, body) => process.stdout.write(`\n  Confab invitation to ${maskPhone(phone)}: ${body}\n\n`))));

  const deps: Deps = {
    db: handle.db,
    dbKind: handle.kind,
    bus,
    clock,
    otp,
    media,
    log,
    auth: {
      jwtSecret: config.jwtSecret,
      issuer: 'confab',
      audience: 'confab-clients',
      accessTokenSeconds: config.accessTokenSeconds,
      testNumbers: config.testNumbers,
      moderatorPhones: config.moderatorPhones,
      defaultRegion: config.defaultRegion,
      codeRequestsPerIpHour: config.codeRequestsPerIpHour,
      sessionIdleDays: config.sessions.idleDays,
      endedSessionRetentionDays: config.sessions.endedRetentionDays,
    },
    publicUrl: config.publicUrl ?? `${config.tls ? 'https' : 'http'}://localhost:${config.port}`,
    messaging: config.messaging,
    calls: config.calls,
    rateLimits: redisLimits ?? localLimits,
    actionLimits: config.actionLimits,
    mediaProbe: await createFfprobeMediaProbe(log),
    emoticons: createSharpEmoticonEncoder(),
    ...(config.push ? { push: createWebPushSender(config.push) } : {}),
    ...(sms ? { sms } : {}),
  };
  log.info({ database: handle.kind, otp: otp.name, bus: bus.constructor.name, media: config.mediaStore.kind }, 'app ready');
  return {
    deps,
    close: async () => {
      await bus.close();
      await Promise.all([redisLimits?.durable.close(), redisLimits?.fast.close()]);
      await handle.close();
      if (media instanceof S3MediaStore) media.close();
    },
  };
}
