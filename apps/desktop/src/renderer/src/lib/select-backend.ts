import type { Backend } from './backend';
import { createWebBackend } from './web-backend';

/**
 * Which Backend this page runs on. In a browser: the web Backend, straight to the server that
 * served the page. The Electron build's preload will expose `window.confab` (the desktop core
 * with its SQLite cache); its Backend adapter plugs in here when it lands.
 */
export function selectBackend(): Backend {
  return createWebBackend(window.location.origin);
}
