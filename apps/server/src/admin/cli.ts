import { createDb, migrateToLatest } from '@confab/db';
import { runAdminCommand } from './commands.js';

// Same database settings as the server: DATABASE_URL, else PGlite under DATA_DIR.
const handle = await createDb({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data' });
try {
  await migrateToLatest(handle.db);
  console.log(await runAdminCommand(handle.db, process.argv.slice(2), process.env.DEFAULT_REGION ?? 'US'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
