export * from './database.js';
export * from './tables/user.table.js';
export * from './tables/auth.table.js';
export * from './tables/media.table.js';
export * from './tables/chat.table.js';
export * from './tables/message.table.js';
export * from './tables/event.table.js';
export { createDb, type DbHandle, type DbKind, type CreateDbOptions } from './create-db.js';
export { migrateToLatest } from './migrate.js';
