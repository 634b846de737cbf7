import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { asProduction, newestMtime } from '@confab/testing/bundles';
import { build } from 'vite';

const repo = path.resolve(import.meta.dirname, '../..');
export const webDir = path.join(repo, 'out/web');
const config = path.join(repo, 'apps/desktop/vite.web.config.ts');
const sources = [path.join(repo, 'apps/desktop/src/renderer'), path.join(repo, 'apps/desktop/src/shared'), config];

/**
 * The built web client, built now unless out/web is newer than every renderer source (CI runs
 * `npm run build:web` first, so there the build is reused).
 */
export async function ensureWebBuild(): Promise<string> {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index) || statSync(index).mtimeMs < newestMtime(sources)) {
    await asProduction(() => build({ configFile: config, mode: 'production', logLevel: 'warn' }));
  }
  return webDir;
}
