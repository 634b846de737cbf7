import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Which database the DB suites run on: `CONFAB_TEST_DB=postgres` (with TEST_DATABASE_URL) or
 * PGlite in memory (the default). Each call on Postgres gets a fresh database of its own.
 */
export async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.CONFAB_TEST_DB !== 'postgres') return { url: 'memory://', drop: async () => {} };
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('CONFAB_TEST_DB=postgres needs TEST_DATABASE_URL (e.g. postgres://127.0.0.1:5432/test)');
  const name = `confab_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
