import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isSupportedRegion, normalizePhone } from '@confab/api';
import type { S3StoreConfig } from './adapters/s3-media-store.js';
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
  TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'TWILIO_MESSAGING_SERVICE_SID looks like MG + 32 hex digits').optional(),
  AUTH_TEST_NUMBERS: z.string().default(''),
  MODERATOR_PHONES: z.string().default(''),
  ALLOW_TEST_NUMBERS_IN_PRODUCTION: flag,
  ALLOW_CONSOLE_CODES_IN_PRODUCTION: flag,
  DEFAULT_REGION: z
    .string()
    .toUpperCase()
    .refine(isSupportedRegion, 'DEFAULT_REGION is a two-letter country code such as US or GB')
    .default('US'),
  AUTH_CODE_REQUESTS_PER_IP_HOUR: z.coerce.number().int().min(1).default(20),
  ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(5).max(24 * 60 * 60).default(15 * 60),
  RATE_SENDS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_TYPING_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  RATE_UPLOADS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
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
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(1000).default(10),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(256),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10 * 60_000),
  HTTP_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  WS_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(64),
  MAX_IN_FLIGHT_PER_CLIENT: z.coerce.number().int().min(1).default(32),
  ADMISSION_QUEUE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  LINK_PREVIEW_ALLOW_PRIVATE: flag,
  MAP_TILE_URL_TEMPLATE: z
    .string()
    .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'MAP_TILE_URL_TEMPLATE is an http(s) URL with {z}, {x} and {y}')
    // Set to nothing: no map tiles at all; location cards show coordinates and a maps link.
    .or(z.literal(''))
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  DISAPPEARING_ALLOW_ANY: flag,
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'VAPID_PUBLIC_KEY is a base64url P-256 public key (87 characters)').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'VAPID_PRIVATE_KEY is a base64url P-256 private key (43 characters)').optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'VAPID_SUBJECT is a mailto: or https: URL').optional(),
  PUSH_ALLOW_LOOPBACK: flag,
  DISAPPEARING_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
  ICE_SERVERS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((u) => u.trim()).filter(Boolean))
    .refine((urls) => urls.every((u) => /^(stun|stuns|turn|turns):[^\s]+$/i.test(u)), 'ICE_SERVERS lists stun:, stuns:, turn: or turns: URLs, comma-separated'),
  TURN_SECRET: z.string().min(16, 'TURN_SECRET must be at least 16 characters (coturn static-auth-secret)').optional(),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(6 * 3600),
  CALL_SWEEP_MS: z.coerce.number().int().min(100).default(5_000),
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  MEDIA_STORE: z.enum(['file', 's3']).default('file'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET is a bucket name (3–63 lower-case letters, digits, dots, hyphens)').optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]+$/, 'S3_REGION is a region name such as us-east-1 (R2: auto)').default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: flag,
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z.string().regex(/^([A-Za-z0-9!_.*'()-]+\/)*$/, 'S3_PREFIX is empty or folder names each ending in / (e.g. confab/)').default(''),
  S3_PRESIGN_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
});

export type Env = z.infer<typeof envSchema>;

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

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
  /** Invitation texts through Twilio's Messaging API; null: the console in development, none in production. */
  twilioMessaging: { accountSid: string; authToken: string; messagingServiceSid: string } | null;
  testNumbers: Map<string, string>;
  /** Numbers that are moderators (MODERATOR_PHONES), beside those granted by the admin command. */
  moderatorPhones: Set<string>;
  defaultRegion: string;
  codeRequestsPerIpHour: number;
  /** Access tokens' lifetime; a WebSocket re-authenticates with a fresh one before it ends. */
  accessTokenSeconds: number;
  /** Per-user caps per minute on messages.send, chats.typing and POST /media. */
  actionLimits: { sends: number; typing: number; uploads: number };
  /** A session not refreshed for this long is ended (signed out); an ended one is deleted after the retention. */
  sessions: { idleDays: number; endedRetentionDays: number };
  /** Proxies whose X-Forwarded-For is believed (empty: the socket's peer is the client). */
  trustedProxies: string[];
  logLevel: Env['LOG_LEVEL'];
  webDir: string;
  wsMaxPayloadBytes: number;
  wsPingMs: number;
  wsPongWaitMs: number;
  /** An anonymous WebSocket is closed when it has not signed in by then. */
  wsAuthTimeoutMs: number;
  wsMaxSubscriptions: number;
  /** /metrics: behind a bearer token, or on a port of its own; with neither, open outside production only. */
  metrics: { token: string | null; port: number | null };
  maxConnectionsPerAddress: number;
  /** Headers must arrive within `headersMs`, the whole request within `requestMs`; a connection silent for `idleMs` is dropped. */
  httpTimeouts: { headersMs: number; requestMs: number; idleMs: number };
  shutdownGraceMs: number;
  /** Admission control: queries and mutations running at once, per process and per client; how long one may wait. */
  admission: { maxInFlight: number; maxInFlightPerClient: number; queueMs: number };
  messaging: { linkPreviewAllowPrivate: boolean; mapTileUrlTemplate: string; disappearingAllowAny: boolean };
  disappearingSweepMs: number;
  /** STUN/TURN for calls; TURN credentials are made per request from the secret. */
  calls: { iceUrls: string[]; turnSecret: string | null; turnTtlSeconds: number };
  callSweepMs: number;
  /** Stored sync events older than this are pruned; a client whose last id is older must resync (sync/prune-events.ts). */
  eventRetentionDays: number;
  /** PEM certificate chain and key: the server speaks HTTPS and WSS itself (null: plain HTTP, e.g. behind a TLS proxy). */
  tls: TlsFiles | null;
  /** Where media bytes live: files under DATA_DIR/media, or an S3-compatible bucket. */
  mediaStore: { kind: 'file' } | { kind: 's3'; s3: S3StoreConfig };
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

  if (env.TWILIO_MESSAGING_SERVICE_SID && !twilio) {
    throw new Error('Invalid configuration: TWILIO_MESSAGING_SERVICE_SID needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (and Twilio Verify) too');
  }
  const twilioMessaging = twilio && env.TWILIO_MESSAGING_SERVICE_SID ? { accountSid: twilio.accountSid, authToken: twilio.authToken, messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID } : null;

  const testNumbers = parseTestNumbers(env.AUTH_TEST_NUMBERS, env.DEFAULT_REGION);
  if (production && testNumbers.size > 0 && !env.ALLOW_TEST_NUMBERS_IN_PRODUCTION) {
    throw new Error('Invalid configuration: AUTH_TEST_NUMBERS is refused in production unless ALLOW_TEST_NUMBERS_IN_PRODUCTION=1');
  }
  if (production && (env.LINK_PREVIEW_ALLOW_PRIVATE || env.DISAPPEARING_ALLOW_ANY)) {
    throw new Error('Invalid configuration: LINK_PREVIEW_ALLOW_PRIVATE and DISAPPEARING_ALLOW_ANY are for tests and refused in production');
  }
  if (env.ICE_SERVERS.some((u) => /^turns?:/i.test(u)) && !env.TURN_SECRET) {
    throw new Error('Invalid configuration: ICE_SERVERS has a TURN server, so TURN_SECRET (coturn static-auth-secret) is required; static TURN passwords are not supported');
  }
  const tls = readTlsFiles(env.TLS_CERT_FILE, env.TLS_KEY_FILE);
  if (production && !env.JWT_SECRET) throw new Error('Invalid configuration: JWT_SECRET is required in production');
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) throw new Error('Invalid configuration: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together');
  if (production && env.PUSH_ALLOW_LOOPBACK) throw new Error('Invalid configuration: PUSH_ALLOW_LOOPBACK is for tests and refused in production');
  const mediaStore = mediaStoreOf(env);
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
    twilioMessaging,
    testNumbers,
    moderatorPhones: parseModeratorPhones(env.MODERATOR_PHONES, env.DEFAULT_REGION),
    defaultRegion: env.DEFAULT_REGION,
    codeRequestsPerIpHour: env.AUTH_CODE_REQUESTS_PER_IP_HOUR,
    accessTokenSeconds: env.ACCESS_TOKEN_SECONDS,
    actionLimits: { sends: env.RATE_SENDS_PER_MINUTE, typing: env.RATE_TYPING_PER_MINUTE, uploads: env.RATE_UPLOADS_PER_MINUTE },
    sessions: { idleDays: env.SESSION_IDLE_DAYS, endedRetentionDays: env.ENDED_SESSION_RETENTION_DAYS },
    trustedProxies: env.TRUSTED_PROXIES,
    logLevel: env.LOG_LEVEL,
    webDir: path.resolve(env.WEB_DIR ?? defaultWebDir()),
    wsMaxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES,
    wsPingMs: env.WS_PING_MS,
    wsPongWaitMs: env.WS_PONG_WAIT_MS,
    wsAuthTimeoutMs: env.WS_AUTH_TIMEOUT_MS,
    wsMaxSubscriptions: env.WS_MAX_SUBSCRIPTIONS,
    metrics: { token: env.METRICS_TOKEN ?? null, port: env.METRICS_PORT ?? null },
    maxConnectionsPerAddress: env.MAX_CONNECTIONS_PER_ADDRESS,
    httpTimeouts: { headersMs: env.HTTP_HEADERS_TIMEOUT_MS, requestMs: env.HTTP_REQUEST_TIMEOUT_MS, idleMs: env.HTTP_IDLE_TIMEOUT_MS },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    admission: { maxInFlight: env.MAX_IN_FLIGHT, maxInFlightPerClient: env.MAX_IN_FLIGHT_PER_CLIENT, queueMs: env.ADMISSION_QUEUE_MS },
    messaging: {
      linkPreviewAllowPrivate: env.LINK_PREVIEW_ALLOW_PRIVATE,
      mapTileUrlTemplate: env.MAP_TILE_URL_TEMPLATE,
      disappearingAllowAny: env.DISAPPEARING_ALLOW_ANY,
    },
    disappearingSweepMs: env.DISAPPEARING_SWEEP_MS,
    calls: { iceUrls: env.ICE_SERVERS, turnSecret: env.TURN_SECRET ?? null, turnTtlSeconds: env.TURN_CREDENTIAL_TTL_SECONDS },
    callSweepMs: env.CALL_SWEEP_MS,
    eventRetentionDays: env.EVENT_RETENTION_DAYS,
    tls,
    mediaStore,
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

/**
 * The web build (out/web): beside the built server (out/server/main.js, `npm start`), or three
 * folders up from this source file when the server runs through tsx (development, tests).
 */
function defaultWebDir(): string {
  const here = import.meta.dirname;
  const built = path.basename(here) === 'server' && path.basename(path.dirname(here)) === 'out';
  return path.join(here, built ? '../web' : '../../../out/web');
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

/** Both files or neither; read at start-up, so a wrong path stops the server instead of its first handshake. */
function readTlsFiles(certFile: string | undefined, keyFile: string | undefined): TlsFiles | null {
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) throw new Error('Invalid configuration: HTTPS needs TLS_CERT_FILE and TLS_KEY_FILE together');
  const read = (name: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`Invalid configuration: ${name} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  return { cert: read('TLS_CERT_FILE', certFile), key: read('TLS_KEY_FILE', keyFile) };
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

/** MEDIA_STORE=s3 needs a bucket; its keys come in pairs or from the AWS SDK's own chain. */
function mediaStoreOf(env: Env): Config['mediaStore'] {
  if (env.MEDIA_STORE === 'file') return { kind: 'file' };
  if (!env.S3_BUCKET) throw new Error('Invalid configuration: MEDIA_STORE=s3 needs S3_BUCKET');
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) throw new Error('Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or leave both unset for the AWS SDK\'s own credentials)');
  return {
    kind: 's3',
    s3: {
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT ?? null,
      publicEndpoint: env.S3_PUBLIC_ENDPOINT ?? null,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials: env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY! } : null,
      prefix: env.S3_PREFIX,
      presignSeconds: env.S3_PRESIGN_SECONDS,
    },
  };
}

export function parseModeratorPhones(value: string, region: string): Set<string> {
  const phones = new Set<string>();
  value.split(',').map((s) => s.trim()).filter(Boolean).forEach((raw, index) => {
    const phone = normalizePhone(raw, region);
    if (!phone) throw new Error(`Invalid configuration: MODERATOR_PHONES entry ${index + 1} ("${raw}") is not a valid phone number`);
    phones.add(phone);
  });
  return phones;
}
