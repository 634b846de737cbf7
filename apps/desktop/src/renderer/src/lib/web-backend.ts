import { procedures, type Call, type ProcedureName } from '../../../shared/procedures';
import { callByName } from '../../../shared/procedures/server-call';
import type { Backend, BackendEvent } from './backend';
import { BufferedEmitter } from './emitter';
import { AuthSession } from './web/auth-session';
import { createHttpClient, type HttpClient } from './web/clients';
import { LiveSync } from './web/live-sync';
import { webLocalProcedures } from './web/local-procedures';
import { MediaCache } from './web/media-cache';
import { TokenStore } from './web/token-store';
import { uploadWithProgress } from './web/upload';

/**
 * The browser's Backend: talks to the Confab server it was loaded from (tRPC over HTTP for
 * calls, over WebSocket for the event stream), keeps its state in memory and its sign-in shared
 * by the browser's tabs (web/token-store.ts). Every server procedure is called as it is; the device's own (`local`) are in
 * web/local-procedures.ts.
 */
export function createWebBackend(baseUrl: string = window.location.origin): Backend {
  const tokens = new TokenStore();
  let client: HttpClient | null = null;
  const http = () => (client ??= createHttpClient(baseUrl, () => tokens.accessToken()));
  const session = new AuthSession(tokens, http);
  const sync = new LiveSync(baseUrl, session, http);
  const media = new MediaCache(baseUrl, () => session.freshToken());

  /** What the UI hears: the stream, held until the signed-in screens start listening. */
  const events = new BufferedEmitter<BackendEvent>();
  sync.events.on((event) => {
    if (event.type === 'session.revoked' && event.sessionId === tokens.get()?.sessionId) void session.end(true);
    else events.emit(event);
  });
  session.signedOut.on(() => forget());
  // Another tab signed in as someone else (or again): start over as that sign-in, as a fresh tab would.
  session.switched.on(() => window.location.reload());

  function forget(): void {
    sync.stop();
    events.clear();
    media.clear();
  }

  const local = webLocalProcedures({ baseUrl, tokens, session, sync, media, http, forget });

  const call = (async (procedure: ProcedureName, input?: unknown) => {
    const declaration = procedures[procedure];
    if ('mirrors' in declaration && declaration.mirrors === 'nothing') {
      const run = local[procedure as keyof typeof local] as (parsed: unknown) => Promise<unknown>;
      return run(declaration.input.parse(input ?? {}));
    }
    return session.call(() => callByName(http(), procedure, declaration.kind, input));
  }) as Call;

  return {
    kind: 'web',
    call,
    upload: async (file, onProgress, signal) => uploadWithProgress(`${baseUrl}/media`, file, await session.freshToken(), onProgress, signal),
    onEvent: (listener) => events.on(listener),
    onSignedOut: (listener) => session.signedOut.on(listener),
    connection: {
      get: () => sync.state.get(),
      subscribe: (listener) => sync.state.subscribe(listener),
    },
  };
}
