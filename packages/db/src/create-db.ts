import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export type DbKind = 'postgres' | 'pglite';

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (uncompressed: loading skips gunzip) (what `pgliteSnapshot` loads). */
  dumpPglite?(): Promise<Blob>;
}

export interface CreateDbOptions {
  /** postgres://… → a pg pool; memory:// → in-memory PGlite; unset → PGlite under dataDir. */
  url?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number | undefined;
  /**
   * An idle pooled connection failed (Postgres restarted, an admin ended it). The pool drops it
   * and the next query opens a new one; without a listener Node would crash the process.
   */
  onConnectionError?: (error: Error) => void;
  /**
   * memory:// only: start from this PGlite data directory (PGlite's `dumpDataDir`) instead of
   * an empty database. Tests start from an already-migrated copy: much faster than initdb.
   */
  pgliteSnapshot?: Blob | undefined;
}

const INT8_OID = 20;
/** bigint columns (seqs, sizes, counts) come back as numbers from both drivers. */
const parseInt8 = (value: string) => Number(value);

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const { url } = options;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 20,
      // A database that accepts no connection is reported as unavailable, not waited on forever.
      connectionTimeoutMillis: 10_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    pool.on('error', (error) => options.onConnectionError?.(error));
    // The pool listens for a connection's failure only while it is idle. One that fails while
    // checked out but between two queries (a transaction waiting on the app when the database
    // restarts) emits 'error' on its client, which unheard would crash the process; heard, the
    // next query on it fails instead and the pool drops it on release.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }

  let dataDir: string | undefined;
  if (url === undefined || url === '') {
    dataDir = path.resolve(options.dataDir ?? './data', 'pglite');
    mkdirSync(dataDir, { recursive: true });
  } else if (url !== 'memory://') {
    throw new Error(`DATABASE_URL must be postgres://…, memory:// or unset (got a "${url.split(':')[0]}:" URL)`);
  }
  const snapshot = url === 'memory://' ? options.pgliteSnapshot : undefined;
  const pglite = await PGlite.create(dataDir, { parsers: { [INT8_OID]: parseInt8 }, ...(snapshot ? { loadDataDir: snapshot } : {}) });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    kind: 'pglite',
    dumpPglite: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
