import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type DbChoice = 'postgres' | 'pglite';

export interface BenchDatabase {
  kind: DbChoice;
  /** Environment for the server child: DATABASE_URL (Postgres) and DATA_DIR (always; PGlite keeps its files there). */
  env: Record<string, string>;
  /** The Postgres database name, to find its backends in /proc; null on PGlite. */
  postgresName: string | null;
  /** Committed transactions in the database so far (pg_stat_database; null on PGlite). */
  transactions(): Promise<number | null>;
  /**
   * ANALYZE, as autovacuum would after a burst of writes (it is off on this machine's Postgres,
   * and the planner's choices for the event log depend on the statistics). False on PGlite: it
   * runs inside the server process, out of the bench's reach.
   */
  analyze(): Promise<boolean>;
  drop(): Promise<void>;
}

/** A fresh, empty database for one run: a new Postgres database, or a PGlite folder under /tmp. */
export async function createBenchDatabase(kind: DbChoice): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'confab-bench-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'pglite') return { kind, env: { DATA_DIR: dataDir }, postgresName: null, transactions: async () => null, analyze: async () => false, drop: async () => removeDir() };

  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `confab_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    postgresName: name,
    transactions: async () => Number((await adminQuery(adminUrl, `select xact_commit from pg_stat_database where datname = '${name}'`))[0]?.xact_commit ?? 0),
    analyze: async () => {
      await adminQuery(url.toString(), 'analyze');
      return true;
    },
    drop: async () => {
      removeDir();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}
