import { createDb } from './create-db.js';
import { migrateToLatest } from './migrate.js';

const handle = await createDb({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
try {
  const applied = await migrateToLatest(handle.db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
} finally {
  await handle.close();
}
