import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The newest modification time below these files and folders: a build older than it is stale. */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = statSync(p);
    if (stat.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(p).map((name) => path.join(p, name))));
    else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/**
 * Runs a build as production (vitest sets NODE_ENV=test, which would give React's development
 * build), then puts NODE_ENV back.
 */
export async function asProduction<T>(build: () => Promise<T>): Promise<T> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await build();
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
