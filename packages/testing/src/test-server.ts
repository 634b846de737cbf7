import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock, type OtpProvider, type SmsSender } from '@confab/api';
import { createLogger, loadConfig, startServer, type Config, type RunningServer } from '@confab/server';
import { startLoopbackS3, type LoopbackS3 } from './loopback-s3.js';
import { UNCAPPED } from './uncapped.js';
import { migratedPgliteSnapshot } from './pglite-snapshot.js';
import { freshDatabaseUrl } from './test-database.js';

export interface TestServer extends RunningServer {
  /** The last console code sent to each number. */
  codes: Map<string, string>;
  clock: ManualClock;
  config: Config;
  dataDir: string;
  /** Every log line, for asserting what is (and is not) logged. */
  logLines: string[];
  /** The loopback object store media goes to, when the server runs with MEDIA_STORE=s3. */
  s3: LoopbackS3 | null;
  /** Invitation texts the console provider "sent", in order. */
  texts: { to: string; body: string }[];
  stop(): Promise<void>;
}

export interface TestServerOptions {
  clock?: ManualClock;
  env?: Record<string, string>;
  otp?: OtpProvider;
  /** Invitation texts through this instead of the console (e.g. Twilio Messaging against a fake). */
  sms?: SmsSender;
  /** Reuse a database and data folder (a restart). */
  databaseUrl?: string;
  dataDir?: string;
  /** Where media goes: files (the default) or a loopback S3 store started for this server. TEST_MEDIA_STORE=s3 switches every suite. */
  mediaStore?: 'file' | 's3';
}

/** A real server (HTTP + WS, real database) on a random loopback port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await freshDatabaseUrl();
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'confab-test-')));
  const s3 = (options.mediaStore ?? process.env.TEST_MEDIA_STORE) === 's3' ? await startLoopbackS3() : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: 'info',
    DATABASE_POOL_SIZE: '10',
    // Every test client comes from 127.0.0.1, and suites fire many calls at once (50 voters,
    // batches of sends) on a busy machine: admission control is tested on its own, with its own caps.
    ...UNCAPPED,
    ...s3?.env,
    ...options.env,
  });
  const logLines: string[] = [];
  // The production logger (with its redaction), writing into memory.
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const codes = new Map<string, string>();
  const texts: { to: string; body: string }[] = [];
  const clock = options.clock ?? new ManualClock();
  const server = await startServer(config, log, {
    clock,
    ...(db.url === 'memory://' ? { pgliteSnapshot: await migratedPgliteSnapshot() } : {}),
    deliverConsoleCode: (phone, code) => void codes.set(phone, code),
    ...(options.otp ? { otp: options.otp } : {}),
    deliverConsoleSms: (to, body) => void texts.push({ to, body }),
    ...(options.sms ? { sms: options.sms } : {}),
  });
  return {
    ...server,
    codes,
    clock,
    config,
    dataDir,
    logLines,
    s3,
    texts,
    stop: async () => {
      await server.close();
      await s3?.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      if (!options.databaseUrl) await db.drop();
    },
  };
}
