import type { MessageView } from '@confab/api';
import { z } from 'zod';
import { local } from './declare.js';
import { id, messageText } from './bounds.js';

/** A message I typed and the server does not have yet, as the screens draw it (pending, or refused). */
export interface UnsentMessage {
  clientId: string;
  chatId: string;
  text: string;
  replyToId: string | null;
  createdAt: string;
  /** The server refused it: sending the same clientId again retries it. */
  failed: boolean;
}

/**
 * Sending text. The desktop writes it to its outbox (kept across restarts, sent in order once
 * the server is reachable); the web sends it at once. Either way it arrives as `message.new`
 * with the same clientId, and a refusal as `outbox.refused` (desktop) or a thrown error (web).
 */
export const outbox = {
  /** Sends (or, with a clientId already refused, retries); null while queued, else the stored message. */
  'outbox.send': local
    .mutation(z.object({ chatId: id, clientId: id, text: messageText, replyToId: id.optional(), mentions: z.array(id).max(256).optional() }).strict())
    .answers<MessageView | null>(),
  /** My messages of a chat still waiting from before this window (written offline, then restarted). */
  'outbox.unsent': local.query(z.object({ chatId: id }).strict()).answers<UnsentMessage[]>(),
  /** Gives up a refused message for good. */
  'outbox.discard': local.mutation(z.object({ chatId: id, clientId: id }).strict()).answers<null>(),
};
