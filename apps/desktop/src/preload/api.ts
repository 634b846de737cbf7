import { EVENT_CHANNEL, INVOKE_METHODS, channelOf, type BridgeKey, type InvokeMethod } from '../shared/channels.js';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export type ConfabApi = { [M in InvokeMethod]: (payload?: unknown) => Promise<unknown> } & {
  /** Core and shell events; returns the function that stops listening. */
  onEvent(listener: (event: unknown) => void): () => void;
};

/**
 * What `window.confab` is: one function per allowed method, each sending exactly one payload
 * on its own channel, and one event subscription. No channel name, no ipcRenderer and no
 * Electron event object ever reaches the page; the main process validates every payload.
 */
export function buildConfabApi(ipc: IpcRendererLike): ConfabApi {
  const api: Record<string, unknown> = {};
  for (const method of INVOKE_METHODS) {
    const channel = channelOf(method);
    api[method] = (payload: unknown = {}) => ipc.invoke(channel, payload);
  }
  api.onEvent = (listener: (event: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipc.on(EVENT_CHANNEL, forward);
    return () => void ipc.removeListener(EVENT_CHANNEL, forward);
  };
  return Object.freeze(api) as ConfabApi;
}

export type { BridgeKey };
