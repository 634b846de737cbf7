import type { EphemeralEvent, SyncEvent } from '@confab/api';
import type { ConnectionState } from '../core/types.js';

/**
 * What reaches the page as change, in both builds. Server events come as the server sent them
 * (the desktop core forwards each one after its cache has applied it); the rest are the
 * device's own: a change the cache made by itself, a refused outbox entry, the connection, the
 * session, a clicked notification.
 */
export type PageEvent =
  | SyncEvent
  | EphemeralEvent
  /** The server refused a message from the outbox; it stays, failed, until retried or discarded. */
  | { type: 'outbox.refused'; chatId: string; clientId: string; reason: string }
  /** Something queued other than a send was refused (an edit, a reaction); the message was restored. */
  | { type: 'outbox.failed'; chatId: string; messageId: string | null; reason: string }
  /** The cache was rebuilt from the server (first sign-in, or a stream too old to replay): read lists again. */
  | { type: 'shell.resynced' }
  | { type: 'shell.connection'; state: ConnectionState }
  /** Signed out here, or the session was ended elsewhere. */
  | { type: 'shell.signedOut'; reason: 'signed-out' | 'session-ended' }
  /** An OS notification was clicked: show this chat. */
  | { type: 'shell.openChat'; chatId: string }
  /** "Answer" on an incoming call's OS notification: the incoming-call screen answers it. */
  | { type: 'shell.answerCall'; callId: string }
  /** "Hang up" in the tray: leave the call this device is in. */
  | { type: 'shell.hangUpCall'; callId: string };
