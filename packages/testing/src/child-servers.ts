import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer, type ServerProcess } from './server-process.js';
import { createTestClient } from './test-client.js';
import { freshDatabaseUrl } from './test-database.js';
import { UNCAPPED } from './uncapped.js';

/** The code every AUTH_TEST_NUMBERS number signs in with in these tests. */
export const TEST_CODE = '123456';

/**
 * Real server processes for the tests that kill, stop or cluster them: one fresh database and
 * data folder per test, shared by every process it starts, all removed by `dispose()`.
 */
export class ChildServers {
  private readonly processes: ServerProcess[] = [];
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  /**
   * The settings every process of one test shares: its own database (PGlite under the data
   * folder when the suite runs on PGlite), the given numbers signing in with TEST_CODE, and
   * admission caps lifted (UNCAPPED; `extra` may set its own).
   */
  async environment(name: string, phones: readonly string[], extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const db = await freshDatabaseUrl();
    const dataDir = await mkdtemp(path.join(tmpdir(), `confab-${name}-`));
    this.cleanups.push(async () => {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    });
    return {
      DATA_DIR: dataDir,
      // PGlite persists under DATA_DIR when DATABASE_URL is empty.
      DATABASE_URL: db.url === 'memory://' ? '' : db.url,
      JWT_SECRET: `${name}-secret-`.padEnd(48, '0'),
      AUTH_TEST_NUMBERS: phones.map((phone) => `${phone}:${TEST_CODE}`).join(','),
      ...UNCAPPED,
      ...extra,
    };
  }

  /** Starts `src/main.ts` (or `entry`) as a child process; whatever is still running is killed on dispose. */
  async spawn(env: Record<string, string>, port?: number, entry?: readonly string[]): Promise<ServerProcess> {
    const server = await spawnServer(env, port, entry);
    this.processes.push(server);
    return server;
  }

  async dispose(): Promise<void> {
    for (const server of this.processes) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await Promise.all(this.processes.map((server) => server.exited));
    for (const cleanup of this.cleanups.reverse()) await cleanup();
  }
}

/** Signs a test number in over HTTP: the tokens and user, as auth.verifyCode answers. */
export async function signInTestNumber(url: string, phone: string, deviceName = 'test device') {
  const anonymous = createTestClient(url);
  try {
    return await anonymous.trpc.auth.verifyCode.mutate({ phone, code: TEST_CODE, deviceName });
  } finally {
    await anonymous.close();
  }
}
