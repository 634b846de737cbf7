import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEYS, channelOf, EVENT_CHANNEL } from '../shared/bridge.js';
import { PROCEDURE_NAMES } from '../shared/procedures/index.js';
import { buildConfabApi, type IpcRendererLike } from './api.js';

/** An ipcRenderer stand-in that records invokes and can deliver events. */
function fakeIpc() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, payload) => {
      invoked.push([channel, payload]);
      return { ok: true, value: null };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const deliver = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc internals', senderFrame: 'x' }, payload);
  };
  return { ipc, invoked, listeners, deliver };
}

describe('the preload API (window.confab)', () => {
  it('has exactly the allow-listed keys, is frozen, and holds only functions', () => {
    const api = buildConfabApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual([...BRIDGE_KEYS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect('invoke' in api || 'send' in api || 'ipcRenderer' in api).toBe(false);
  });

  it('sends each call with one payload on its own channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = buildConfabApi(ipc);
    for (const procedure of PROCEDURE_NAMES) await api[procedure]({ probe: procedure });
    await api['chats.list']();
    expect(invoked).toEqual([...PROCEDURE_NAMES.map((p) => [channelOf(p), { probe: p }]), [channelOf('chats.list'), {}]]);
  });

  it('delivers events without the Electron event object, and stops on unsubscribe', () => {
    const { ipc, deliver, listeners } = fakeIpc();
    const api = buildConfabApi(ipc);
    const seen: unknown[] = [];
    const stop = api.onEvent((event) => seen.push(event));
    deliver(EVENT_CHANNEL, { type: 'shell.resynced' });
    stop();
    deliver(EVENT_CHANNEL, { type: 'typing', chatId: 'c1', userId: 'u1' });
    expect(seen).toEqual([{ type: 'shell.resynced' }]);
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
    expect(() => api.onEvent('not a function' as never)).toThrow(TypeError);
  });

  it('is what the preload entry exposes as window.confab, and nothing else', async () => {
    const exposed: [string, unknown][] = [];
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) }, ipcRenderer: fakeIpc().ipc }));
    await import('./index.js');
    expect(exposed.map(([key]) => key)).toEqual(['confab']);
    expect(Object.keys(exposed[0]![1] as object).sort()).toEqual([...BRIDGE_KEYS].sort());
    vi.doUnmock('electron');
  });
});
