import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, migrateToLatest } from '@confab/db';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const migrationsDir = path.join(repoRoot, 'packages/db/src/migrations');

let snapshot: Promise<Blob> | null = null;

/**
 * An in-memory PGlite database with every migration applied, as a data-directory dump that
 * each test server starts from: PGlite's initdb costs 2–4 s a server on this machine, loading
 * the dump about half a second. Made once per migration set (the file name carries a hash of
 * the migration sources) and shared by every test process through the temp folder.
 */
export function migratedPgliteSnapshot(): Promise<Blob> {
  snapshot ??= load();
  return snapshot;
}

async function load(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    hash.update(file).update(readFileSync(path.join(migrationsDir, file)));
  }
  // A dump is read by the PGlite version that wrote it.
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  hash.update(lock.packages['node_modules/@electric-sql/pglite']?.version ?? 'unknown');
  const file = path.join(tmpdir(), `confab-pglite-migrated-${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    // Not made yet (or made by a racing process a moment from now): make it, then publish it atomically.
  }
  const handle = await createDb({ url: 'memory://' });
  try {
    await migrateToLatest(handle.db);
    const dump = await handle.dumpPglite!();
    const partial = `${file}.${process.pid}.part`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return new Blob([readFileSync(file)]);
  } finally {
    await handle.close();
  }
}
