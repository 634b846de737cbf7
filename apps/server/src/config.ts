import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isSupportedRegion, normalizePhone } from '@confab/api';
import { isAddressOrRange } from './http/client-address.js';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DATA_DIR: z.string().default('./data'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  ALLOWED_ORIGINS: z.string().default(''),
  REDIS_URL: z.string().optional(),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'TWILIO_ACCOUNT_SID looks like AC + 32 hex digits').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_VERIFY_SERVICE_SID: z.string().regex(/^VA[0-9a-fA-F]{32}$/, 'TWILIO_VERIFY_SERVICE_SID looks like VA + 32 hex digits').optional(),
  AUTH_TEST_NUMBERS: z.string().default(''),
  ALLOW_TEST_NUMBERS_IN_PRODUCTION: flag,
  ALLOW_CONSOLE_CODES_IN_PRODUCTION: flag,
  DEFAULT_REGION: z
    .string()
    .toUpperCase()
    .refine(isSupportedRegion, 'DEFAULT_REGION is a two-letter country code such as US or GB')
    .default('US'),
  AUTH_CODE_REQUESTS_PER_IP_HOUR: z.coerce.number().int().min(1).default(20),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ENDED_SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
    .refine((list) => list.every(isAddressOrRange), 'TRUSTED_PROXIES lists IP addresses or CIDR ranges, comma-separated (e.g. 10.0.0.0/8,127.0.0.1)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIR: z.string().optional(),
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  WS_PING_MS: z.coerce.number().int().min(100).default(30_000),
  WS_PONG_WAIT_MS: z.coerce.number().int().min(100).default(10_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(64),
  MAX_IN_FLIGHT_PER_CLIENT: z.coerce.number().int().min(1).default(32),
  ADMISSION_QUEUE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  LINK_PREVIEW_ALLOW_PRIVATE: flag,
  MAP_TILE_URL_TEMPLATE: z
    .string()
    .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'MAP_TILE_URL_TEMPLATE is an http(s) URL with {z}, {x} and {y}')
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  DISAPPEARING_ALLOW_ANY: flag,
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'VAPID_PUBLIC_KEY is a base64url P-256 public key (87 characters)').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'VAPID_PRIVATE_KEY is a base64url P-256 private key (43 characters)').optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'VAPID_SUBJECT is a mailto: or https: URL').optional(),
  PUSH_ALLOW_LOOPBACK: flag,
  DISAPPEARING_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  publicUrl: string | null;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  jwtSecret: string;
  allowedOrigins: string[];
  redisUrl: string | undefined;
  twilio: { accountSid: string; authToken: string; serviceSid: string } | null;
  allowConsoleCodes: boolean;
  testNumbers: Map<string, string>;
  defaultRegion: string;
  codeRequestsPerIpHour: number;
  /** A session not refreshed for this long is ended (signed out); an ended one is deleted after the retention. */
  sessions: { idleDays: number; endedRetentionDays: number };
  /** Proxies whose X-Forwarded-For is believed (empty: the socket's peer is the client). */
  trustedProxies: string[];
  logLevel: Env['LOG_LEVEL'];
  webDir: string;
  wsMaxPayloadBytes: number;
  wsPingMs: number;
  wsPongWaitMs: number;
  shutdownGraceMs: number;
  /** Admission control: queries and mutations running at once, per process and per client; how long one may wait. */
  admission: { maxInFlight: number; maxInFlightPerClient: number; queueMs: number };
  messaging: { linkPreviewAllowPrivate: boolean; mapTileUrlTemplate: string; disappearingAllowAny: boolean };
  disappearingSweepMs: number;
  /** Web Push (VAPID); null in production when no keys are set: nothing is pushed. */
  push: { publicKey: string; privateKey: string; subject: string; allowLoopback: boolean } | null;
}

/** Parses the environment once at start-up; any mistake stops the server with a clear message. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR);

  const twilioParts = { TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN, TWILIO_VERIFY_SERVICE_SID: env.TWILIO_VERIFY_SERVICE_SID };
  const missingTwilio = Object.keys(twilioParts).filter((key) => !twilioParts[key as keyof typeof twilioParts]);
  if (missingTwilio.length > 0 && missingTwilio.length < 3) {
    throw new Error(`Invalid configuration: Twilio Verify needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID together; missing ${missingTwilio.join(', ')}`);
  }
  const twilio = env.TWILIO_ACCOUNT_SID ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN!, serviceSid: env.TWILIO_VERIFY_SERVICE_SID! } : null;
  if (production && !twilio && !env.ALLOW_CONSOLE_CODES_IN_PRODUCTION) {
    throw new Error('Invalid configuration: production needs Twilio Verify (TWILIO_*) or ALLOW_CONSOLE_CODES_IN_PRODUCTION=1');
  }

  const testNumbers = parseTestNumbers(env.AUTH_TEST_NUMBERS, env.DEFAULT_REGION);
  if (production && testNumbers.size > 0 && !env.ALLOW_TEST_NUMBERS_IN_PRODUCTION) {
    throw new Error('Invalid configuration: AUTH_TEST_NUMBERS is refused in production unless ALLOW_TEST_NUMBERS_IN_PRODUCTION=1');
  }
  if (production && (env.LINK_PREVIEW_ALLOW_PRIVATE || env.DISAPPEARING_ALLOW_ANY)) {
    throw new Error('Invalid configuration: LINK_PREVIEW_ALLOW_PRIVATE and DISAPPEARING_ALLOW_ANY are for tests and refused in production');
  }
  if (production && !env.JWT_SECRET) throw new Error('Invalid configuration: JWT_SECRET is required in production');
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) throw new Error('Invalid configuration: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together');
  if (production && env.PUSH_ALLOW_LOOPBACK) throw new Error('Invalid configuration: PUSH_ALLOW_LOOPBACK is for tests and refused in production');
  const vapid = env.VAPID_PUBLIC_KEY ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY! } : production ? null : localVapidKeys(dataDir);

  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL ?? null,
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir,
    jwtSecret: env.JWT_SECRET ?? localSecret(dataDir),
    allowedOrigins: env.ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    redisUrl: env.REDIS_URL || undefined,
    twilio,
    allowConsoleCodes: !twilio,
    testNumbers,
    defaultRegion: env.DEFAULT_REGION,
    codeRequestsPerIpHour: env.AUTH_CODE_REQUESTS_PER_IP_HOUR,
    sessions: { idleDays: env.SESSION_IDLE_DAYS, endedRetentionDays: env.ENDED_SESSION_RETENTION_DAYS },
    trustedProxies: env.TRUSTED_PROXIES,
    logLevel: env.LOG_LEVEL,
    webDir: path.resolve(env.WEB_DIR ?? path.join(import.meta.dirname, '../../../out/web')),
    wsMaxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES,
    wsPingMs: env.WS_PING_MS,
    wsPongWaitMs: env.WS_PONG_WAIT_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    admission: { maxInFlight: env.MAX_IN_FLIGHT, maxInFlightPerClient: env.MAX_IN_FLIGHT_PER_CLIENT, queueMs: env.ADMISSION_QUEUE_MS },
    messaging: {
      linkPreviewAllowPrivate: env.LINK_PREVIEW_ALLOW_PRIVATE,
      mapTileUrlTemplate: env.MAP_TILE_URL_TEMPLATE,
      disappearingAllowAny: env.DISAPPEARING_ALLOW_ANY,
    },
    disappearingSweepMs: env.DISAPPEARING_SWEEP_MS,
    push: vapid ? { ...vapid, subject: env.VAPID_SUBJECT ?? 'mailto:admin@localhost', allowLoopback: env.PUSH_ALLOW_LOOPBACK } : null,
  };
}

/**
 * "+12015550101:123456,+12015550102:654321" → E.164 → code. Each number signs in with its fixed
 * code and is never sent an SMS (app-store review, demos). Errors name the entry by position and
 * phone, never echoing its code.
 */
export function parseTestNumbers(value: string, region: string): Map<string, string> {
  const numbers = new Map<string, string>();
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  entries.forEach((entry, index) => {
    const parts = entry.split(':').map((s) => s.trim());
    const where = `AUTH_TEST_NUMBERS entry ${index + 1} ("${parts[0] ?? ''}")`;
    if (parts.length !== 2) throw new Error(`Invalid configuration: ${where} must be <phone>:<6-digit code>`);
    const [rawPhone, code] = parts as [string, string];
    const phone = normalizePhone(rawPhone, region);
    if (!phone) throw new Error(`Invalid configuration: ${where} is not a valid phone number`);
    if (!/^\d{6}$/.test(code)) throw new Error(`Invalid configuration: ${where} needs a code of exactly 6 digits`);
    if (numbers.has(phone)) throw new Error(`Invalid configuration: ${where} repeats ${phone}`);
    numbers.set(phone, code);
  });
  return numbers;
}

/** An empty variable (FOO= in a .env or compose file) means "not set", so defaults and optionality apply. */
function withoutEmptyValues(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

/** Development only: a random secret kept in the data folder, so sign-ins survive restarts. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Development only: a VAPID key pair kept in the data folder, so browser subscriptions survive restarts. */
function localVapidKeys(dataDir: string): { publicKey: string; privateKey: string } {
  const file = path.join(dataDir, 'vapid.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  mkdirSync(dataDir, { recursive: true });
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);
  const keys = { publicKey: Buffer.from(raw).toString('base64url'), privateKey: jwk.d! };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
