import type { IpcMain } from 'electron';
import { channelOf, procedureOf, type BridgeResult } from '../shared/bridge.js';
import { procedures, PROCEDURE_NAMES, type OnlineName } from '../shared/procedures/index.js';
import type { Kind } from '../shared/procedures/declare.js';
import { refusal, toBridgeFailure } from './errors.js';
import { createHandlers, type HandlerDeps, type PageHandlers } from './handlers.js';
import { callByName } from '../shared/procedures/server-call.js';
import { isTrustedSender, type SenderFrame } from './security.js';

/** The part of an IPC event the checks read (Electron's IpcMainInvokeEvent has it). */
export interface InvokeEventLike {
  senderFrame: SenderFrame | null;
}

export type Dispatch = (channel: string, event: InvokeEventLike, payload: unknown) => Promise<BridgeResult<unknown>>;

export interface DispatcherOptions {
  /** The procedures the desktop answers itself. */
  handlers: PageHandlers;
  /** Runs an online procedure with the main process's session. */
  callServer(procedure: OnlineName, kind: Kind, input: unknown): Promise<unknown>;
  /** Origins whose top-level page may call (app://confab; the dev server in development). */
  appOrigins: readonly string[];
  log?: (message: string) => void;
}

/** An online call's input, as JSON, at most (a 1,000-member group's ids fit many times over). */
const MAX_SERVER_INPUT_CHARS = 256 * 1024;

/** Plain JSON of a bounded size; the server's own zod schema then checks every field. */
function isBoundedJson(value: unknown): boolean {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? value === undefined : json.length <= MAX_SERVER_INPUT_CHARS;
  } catch {
    return false; // cycles, BigInt
  }
}

/**
 * One invoke from the page: the sender must be the app's own main frame, the payload must pass
 * the procedure's declared schema (or, for an online one, be bounded JSON the server will check),
 * then it runs. Every outcome is a BridgeResult envelope.
 */
export function createDispatcher({ handlers, callServer, appOrigins, log = () => undefined }: DispatcherOptions): Dispatch {
  const run = async (work: () => Promise<unknown>): Promise<BridgeResult<unknown>> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, error: toBridgeFailure(error) };
    }
  };
  return async (channel, event, payload) => {
    const procedure = procedureOf(channel);
    if (!procedure) return { ok: false, error: refusal('NOT_FOUND', 'Unknown method.') };
    if (!isTrustedSender(event.senderFrame, appOrigins)) {
      log(`refused ${procedure} from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      return { ok: false, error: refusal('FORBIDDEN', 'Not allowed from this page.') };
    }
    const declaration = procedures[procedure];
    if (declaration.runs === 'server') {
      if (!isBoundedJson(payload)) return { ok: false, error: refusal('BAD_REQUEST', 'The input must be plain JSON of at most 256 KB.') };
      return run(() => callServer(procedure as OnlineName, declaration.kind, payload));
    }
    const parsed = declaration.input.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      return { ok: false, error: refusal('BAD_REQUEST', `Invalid request${where}.`) };
    }
    const handler = handlers[procedure as keyof PageHandlers] as (input: unknown) => Promise<unknown>;
    return run(() => handler(parsed.data));
  };
}

/** The dispatcher over a core, as the main process (and the Chromium harness) wires it. */
export function createPageDispatcher({ core, focus, mediaUrl, appOrigins, log }: HandlerDeps & Pick<DispatcherOptions, 'appOrigins' | 'log'>): Dispatch {
  return createDispatcher({
    handlers: createHandlers({ core, focus, mediaUrl }),
    callServer: (procedure, kind, input) => callByName(core.api, procedure, kind, input),
    appOrigins,
    ...(log ? { log } : {}),
  });
}

/** Registers one ipcMain.handle per declared procedure; nothing else is listened to. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch): () => void {
  for (const procedure of PROCEDURE_NAMES) {
    const channel = channelOf(procedure);
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, event, payload));
  }
  return () => {
    for (const procedure of PROCEDURE_NAMES) ipcMain.removeHandler(channelOf(procedure));
  };
}
