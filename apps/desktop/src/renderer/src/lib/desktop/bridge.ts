import type { CachedMessage } from '../../../../core/types';
import type { InvokeMethod, IpcResult, Payloads, RendererEvent, Results } from '../../../../shared/ipc-contract';
import { BackendError } from '../backend';

/** `window.confab`, as the preload exposes it (every answer is an IpcResult envelope). */
export type ConfabBridge = { [M in InvokeMethod]: (payload: Payloads[M]) => Promise<IpcResult<Results[M]>> } & {
  onEvent(listener: (event: RendererEvent) => void): () => void;
};

declare global {
  interface Window {
    confab?: ConfabBridge;
  }
}

export type Call = <M extends InvokeMethod>(method: M, payload: Payloads[M]) => Promise<Results[M]>;

/** Calls a bridge method and turns a refusal into the BackendError the screens explain. */
export function caller(bridge: ConfabBridge): Call {
  return async (method, payload) => {
    let result: IpcResult<Results[typeof method]>;
    try {
      result = await (bridge[method] as (p: unknown) => Promise<IpcResult<Results[typeof method]>>)(payload);
    } catch {
      throw new BackendError('UNAVAILABLE', 'The Confab app is not responding. Restart it and try again.');
    }
    if (result.ok) return result.value;
    throw new BackendError(result.error.code, result.error.message, result.error.retryAfterSeconds);
  };
}

export type SentMessage = CachedMessage & { seq: number };

/** Sent messages have their server seq; pending and refused ones (seq null) do not yet. */
export const isSent = (message: CachedMessage): message is SentMessage => message.seq !== null && message.status === 'sent';
