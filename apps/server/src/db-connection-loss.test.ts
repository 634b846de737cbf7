import pg from 'pg';
import { personForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

// Only PostgreSQL has pooled connections that can be ended from outside.
const onPostgres = process.env.CONFAB_TEST_DB === 'postgres' ? describe : describe.skip;

onPostgres('losing database connections', () => {
  let server: TestServer, ana: SignedInUser;
  personForSuite((t) => ({ server, ana } = t));

  it('survives Postgres ending its idle connections (as in a database restart) and keeps answering', async () => {
    await ana.trpc.me.get.query();
    const admin = new pg.Client({ connectionString: server.config.databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query('select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await expect.poll(() => server.logLines.some((line) => line.includes('db.connection_lost'))).toBe(true);
    // The pool opens new connections: the next calls work.
    expect((await ana.trpc.me.get.query()).id).toBe(ana.user.id);
    expect((await ana.trpc.chats.list.query({})).chats).toEqual([]);
  });
});
