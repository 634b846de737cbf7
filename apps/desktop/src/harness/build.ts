import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { asProduction, newestMtime } from '@confab/testing/bundles';
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
  await asProduction(() => build({ configFile: config, root: repo, logLevel: 'warn' }));
}
