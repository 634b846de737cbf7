import { createDb, type DbHandle } from '@confab/db';
import { afterAll, beforeAll } from 'vitest';
import { freshDatabaseUrl } from './test-database.js';

/**
 * An empty database for one describe block (PGlite or PostgreSQL, as the suite runs), not yet
 * migrated; `receive` gets it before the tests (and may set it up), and it is dropped after.
 */
export function databaseForSuite(receive: (handle: DbHandle) => void | Promise<void>): void {
  let handle: DbHandle | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl();
    drop = fresh.drop;
    handle = await createDb({ url: fresh.url });
    await receive(handle);
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });
}
