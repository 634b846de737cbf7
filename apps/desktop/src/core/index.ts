/**
 * The desktop core: plain TypeScript under Node (never imports electron). The Electron main
 * process creates one core, dispatches the page's calls to `core.page` and forwards its events.
 */
import { DesktopCore, type DesktopCoreOptions } from './desktop-core.js';

export function createDesktopCore(options: DesktopCoreOptions): DesktopCore {
  return new DesktopCore(options);
}

export { DesktopCore, type DesktopCoreOptions } from './desktop-core.js';
export { MemorySecretStore, type SecretStore } from './session/secret-store.js';
export type { MediaInfo } from './cache/media.repo.js';
export type { CoreProcedures, MainOnly } from './page/procedures.js';
export type * from './types.js';
