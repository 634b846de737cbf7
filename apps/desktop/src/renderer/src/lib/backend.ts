import type { ChatView, MessageView, UserView } from '@confab/api';
import type { PageEvent } from '../../../shared/page-events';
import type { Call } from '../../../shared/procedures';

/**
 * Everything the UI needs from "the server", whichever side answers: the web build talks to the
 * server directly (web-backend.ts); the desktop build talks to its Node core over the preload
 * bridge, which answers from its SQLite cache and syncs in the background. What can be called is
 * declared once, in shared/procedures; both builds offer all of it through `call`.
 */
export type { ChatView, MessageView, UserView };

export type BackendEvent = PageEvent;

/** What the connection banner shows. `cache`: the desktop core is answering from its cache. */
export type ConnectionState = 'connecting' | 'online' | 'syncing' | 'offline' | 'cache';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** The kinds of message that carry an uploaded file. */
export type MediaKind = 'image' | 'video' | 'audio' | 'voice' | 'document';

/** Who is signed in on this device. */
export interface Session {
  user: UserView;
}

export interface Unsubscribe {
  (): void;
}

export interface Backend {
  readonly kind: 'web' | 'desktop';
  /** Any declared procedure, typed from its declaration (the server's types for server procedures). */
  readonly call: Call;
  /** A file the user picked, uploaded with progress (POST /media); a message or picture then names its mediaId. */
  upload(file: Blob, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<{ mediaId: string }>;
  /** Every change the signed-in user may see, live, and the device's own (a notification clicked…); starts after sign-in or restore. */
  onEvent(listener: (event: BackendEvent) => void): Unsubscribe;
  /** The session ended elsewhere (revoked, refresh token reused): the UI returns to sign-in. */
  onSignedOut(listener: () => void): Unsubscribe;
  connection: {
    get(): ConnectionState;
    subscribe(listener: (state: ConnectionState) => void): Unsubscribe;
  };
}
