import { channelOf, EVENT_CHANNEL } from '../shared/bridge.js';
import { PROCEDURE_NAMES, type ProcedureName } from '../shared/procedures/index.js';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export type ConfabApi = { [P in ProcedureName]: (payload?: unknown) => Promise<unknown> } & {
  /** Page events; returns the function that stops listening. */
  onEvent(listener: (event: unknown) => void): () => void;
};

/**
 * What `window.confab` is: one function per declared procedure, each sending exactly one payload
 * on its own channel, and one event subscription. No channel name, no ipcRenderer and no
 * Electron event object ever reaches the page; the main process validates every payload.
 */
export function buildConfabApi(ipc: IpcRendererLike): ConfabApi {
  const api: Record<string, unknown> = {};
  for (const procedure of PROCEDURE_NAMES) {
    const channel = channelOf(procedure);
    api[procedure] = (payload: unknown = {}) => ipc.invoke(channel, payload);
  }
  api.onEvent = (listener: (event: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipc.on(EVENT_CHANNEL, forward);
    return () => void ipc.removeListener(EVENT_CHANNEL, forward);
  };
  return Object.freeze(api) as ConfabApi;
}
