/**
 * The desktop core: plain TypeScript under Node (never imports electron). The Electron main
 * process creates one core and exposes its methods over IPC; every method takes and returns
 * plain JSON. See DesktopCore for the method list.
 */
import { DesktopCore, type DesktopCoreOptions } from './desktop-core.js';

export function createDesktopCore(options: DesktopCoreOptions): DesktopCore {
  return new DesktopCore(options);
}

export { DesktopCore, type DesktopCoreOptions } from './desktop-core.js';
export { MemorySecretStore, type SecretStore } from './session/secret-store.js';
export type { MediaInfo } from './cache/media.repo.js';
export type * from './types.js';
