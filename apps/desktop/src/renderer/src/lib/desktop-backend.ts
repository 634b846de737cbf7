import type { ConnectionState as CoreConnection } from '../../../core/types';
import type { BridgeResult } from '../../../shared/bridge';
import { ClientError } from '../../../shared/errors';
import type { PageEvent } from '../../../shared/page-events';
import type { Call, InputOf, OutputOf, ProcedureName } from '../../../shared/procedures';
import type { Backend, BackendEvent, ConnectionState } from './backend';
import { Emitter, Observable } from './emitter';

/** `window.confab`, as the preload exposes it (every answer is a BridgeResult envelope). */
export type ConfabBridge = { [P in ProcedureName]: (payload?: InputOf<P>) => Promise<BridgeResult<OutputOf<P>>> } & {
  onEvent(listener: (event: PageEvent) => void): () => void;
};

declare global {
  interface Window {
    confab?: ConfabBridge;
  }
}

/** The core is answering from its cache unless it is connected ('cache' in the banner). */
function connectionOf(state: CoreConnection): ConnectionState {
  if (state === 'online') return 'online';
  if (state === 'syncing') return 'syncing';
  return 'cache';
}

/**
 * The Electron build's Backend: every call goes over the preload bridge (`window.confab`) to the
 * main process, which answers from the desktop core's SQLite cache at once (syncing in the
 * background) or runs an online procedure with its own session. Works offline: reads and search
 * come from the cache, and messages wait in the core's outbox until the server is reachable.
 */
export function createDesktopBackend(bridge: ConfabBridge): Backend {
  const connection = new Observable<ConnectionState>('cache');
  const events = new Emitter<BackendEvent>();
  const signedOut = new Emitter<void>();

  const call = (async (procedure: ProcedureName, input?: unknown) => {
    let result: BridgeResult<unknown>;
    try {
      result = await (bridge[procedure] as (payload?: unknown) => Promise<BridgeResult<unknown>>)(input);
    } catch {
      throw new ClientError('UNAVAILABLE', 'The Confab app is not responding. Restart it and try again.');
    }
    if (result.ok) return result.value;
    throw new ClientError(result.error.code as ClientError['code'], result.error.message, result.error.retryAfterSeconds);
  }) as Call;

  bridge.onEvent((event) => {
    switch (event.type) {
      case 'shell.connection':
        return connection.set(connectionOf(event.state));
      case 'shell.signedOut':
        return signedOut.emit();
      default:
        events.emit(event);
    }
  });
  // The state the core is in now; later changes arrive as events.
  void call('shell.connectionState').then((state) => connection.set(connectionOf(state)), () => undefined);

  return {
    kind: 'desktop',
    call,
    // The bytes cross the bridge once; the core sends them to the server (online only).
    async upload(file, onProgress, signal) {
      const total = file.size;
      onProgress({ loaded: 0, total });
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (signal?.aborted) throw new ClientError('ABORTED', 'Upload cancelled.');
      const uploaded = await call('files.upload', {
        bytes,
        contentType: file.type || 'application/octet-stream',
        kind: uploadKindOf(file.type),
        ...(file instanceof File && file.name ? { fileName: file.name } : {}),
      });
      onProgress({ loaded: total, total });
      return { mediaId: uploaded.mediaId };
    },
    onEvent: (listener) => events.on(listener),
    onSignedOut: (listener) => signedOut.on(listener),
    connection: {
      get: () => connection.get(),
      subscribe: (listener) => connection.subscribe(listener),
    },
  };
}

/** What the server is told the file is; it sniffs the bytes and refuses a mismatch. */
export function uploadKindOf(mime: string): 'image' | 'video' | 'audio' | 'document' {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}
