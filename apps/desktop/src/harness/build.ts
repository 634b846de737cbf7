import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'electron-vite';

const repo = path.resolve(import.meta.dirname, '../../../..');
export const outDir = path.join(repo, 'out');
export const rendererDir = path.join(outDir, 'renderer');
export const preloadBundle = path.join(outDir, 'preload/index.cjs');
export const mainBundle = path.join(outDir, 'main/index.js');
const config = path.join(repo, 'apps/desktop/electron.vite.config.ts');
const sources = [...['renderer', 'preload', 'shared', 'main', 'core'].map((dir) => path.join(repo, 'apps/desktop/src', dir)), path.join(repo, 'apps/desktop/build'), config];

/**
 * The desktop build (`electron-vite build`: out/main, out/preload, out/renderer), made now
 * unless it is newer than every desktop source. The harness serves exactly what
 * the packaged app loads.
 */
export async function ensureDesktopBuild(): Promise<void> {
  const built = [path.join(rendererDir, 'index.html'), preloadBundle, mainBundle];
  const oldest = Math.min(...built.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  if (oldest > newestMtime(sources)) return;
  // vitest sets NODE_ENV=test, which would give React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: config, root: repo, logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
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
