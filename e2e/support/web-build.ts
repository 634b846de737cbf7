import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const repo = path.resolve(import.meta.dirname, '../..');
export const webDir = path.join(repo, 'out/web');
const config = path.join(repo, 'apps/desktop/vite.web.config.ts');
const sources = [path.join(repo, 'apps/desktop/src/renderer'), config];

/**
 * The built web client, built now unless out/web is newer than every renderer source (CI runs
 * `npm run build:web` first, so there the build is reused).
 */
export async function ensureWebBuild(): Promise<string> {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index) || statSync(index).mtimeMs < newestMtime(sources)) {
    // The same production build `npm run build:web` makes (vitest sets NODE_ENV=test, which
    // would otherwise give React's development build).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: config, mode: 'production', logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  return webDir;
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = statSync(p);
    if (stat.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(p).map((name) => path.join(p, name))));
    else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}
