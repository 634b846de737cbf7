import type { Backend } from './backend';
import { createDesktopBackend } from './desktop-backend';
import { createWebBackend } from './web-backend';

/**
 * Which Backend this page runs on. In the Electron app the preload exposes `window.confab` (the
 * desktop core with its SQLite cache); in a browser, the web Backend talks straight to the
 * server that served the page.
 */
export function selectBackend(): Backend {
  if (window.confab) return createDesktopBackend(window.confab);
  return createWebBackend(window.location.origin);
}
