import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { DesktopCore } from '../core/index.js';
import { toPageEvent } from '../main/bridge-events.js';
import type { Dispatch } from '../main/ipc.js';
import { EVENT_CHANNEL } from '../shared/bridge.js';
import type { PageEvent } from '../shared/page-events.js';

/**
 * Connects a Chromium page to the desktop core the way Electron's preload does: the real
 * preload bundle (out/preload/index.cjs) runs before the page's scripts, with `electron`
 * replaced by a contextBridge that defines window.confab and an ipcRenderer whose invoke goes
 * to the same dispatcher the main process registers (sender check, zod validation, handlers).
 * Core events are pushed to the page as webContents.send would.
 */
export async function attachPreloadBridge(page: Page, options: { preloadBundle: string; dispatch: Dispatch; core: DesktopCore }): Promise<PreloadBridge> {
  await page.exposeBinding('__confabInvoke', (source, channel: string, payload: unknown) =>
    options.dispatch(channel, { senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } }, payload),
  );
  await page.addInitScript({ content: preloadScript(readFileSync(options.preloadBundle, 'utf8')) });
  const send = (event: PageEvent) => {
    page.evaluate((e) => (window as unknown as { __confabDeliver?(e: unknown): void }).__confabDeliver?.(e), event).catch(() => undefined);
  };
  const stop = options.core.subscribe((event) => {
    const forward = toPageEvent(event);
    if (forward) send(forward);
  });
  return { send, stop };
}

export interface PreloadBridge {
  /** webContents.send(EVENT_CHANNEL, event) */
  send(event: PageEvent): void;
  stop(): void;
}

/** The preload bundle wrapped as Electron's sandboxed preload loader runs it. */
function preloadScript(bundle: string): string {
  return `(() => {
  const listeners = new Set();
  const ipcRenderer = {
    invoke: (channel, payload) => window.__confabInvoke(channel, payload),
    on: (channel, listener) => { if (channel === ${JSON.stringify(EVENT_CHANNEL)}) listeners.add(listener); },
    removeListener: (channel, listener) => { listeners.delete(listener); },
  };
  Object.defineProperty(window, '__confabDeliver', { value: (event) => { for (const l of [...listeners]) l({}, event); } });
  const contextBridge = {
    exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api, enumerable: true, writable: false, configurable: false }),
  };
  const require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('a sandboxed preload can only require electron, not ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${bundle}
  })(require, module, module.exports);
})();`;
}
