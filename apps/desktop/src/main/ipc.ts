import type { IpcMain } from 'electron';
import { INVOKE_METHODS, channelOf, methodOf, payloadSchemas, type IpcResult } from '../shared/ipc-contract.js';
import { toIpcError } from './errors.js';
import type { Handlers } from './handlers.js';
import { isTrustedSender, type SenderFrame } from './security.js';

/** The part of an IPC event the checks read (Electron's IpcMainInvokeEvent has it). */
export interface InvokeEventLike {
  senderFrame: SenderFrame | null;
}

export type Dispatch = (channel: string, event: InvokeEventLike, payload: unknown) => Promise<IpcResult<unknown>>;

export interface DispatcherOptions {
  handlers: Handlers;
  /** Origins whose top-level page may call (app://confab; the dev server in development). */
  appOrigins: readonly string[];
  log?: (message: string) => void;
}

/**
 * One invoke from the renderer: the sender must be the app's own main frame, the payload must
 * pass the method's zod schema, then the handler runs. Every outcome is an IpcResult envelope.
 */
export function createDispatcher({ handlers, appOrigins, log = () => undefined }: DispatcherOptions): Dispatch {
  return async (channel, event, payload) => {
    const method = methodOf(channel);
    if (!method) return { ok: false, error: { code: 'NOT_FOUND', message: 'Unknown method.' } };
    if (!isTrustedSender(event.senderFrame, appOrigins)) {
      log(`refused ${method} from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Not allowed from this page.' } };
    }
    const parsed = payloadSchemas[method].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid request${where}.` } };
    }
    try {
      const run = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await run(parsed.data) };
    } catch (error) {
      return { ok: false, error: toIpcError(error) };
    }
  };
}

/** Registers one ipcMain.handle per method; nothing else is listened to. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch): () => void {
  for (const method of INVOKE_METHODS) {
    const channel = channelOf(method);
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, event, payload));
  }
  return () => {
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
