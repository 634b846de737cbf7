import { z } from 'zod';
import { cached, online } from './declare.js';
import { id, messageText, seq } from './bounds.js';

/**
 * Messages already on the server. The desktop reads them from its cache and queues edits,
 * deletions and reactions in its outbox; sending new text goes through `outbox.send`.
 * `messages.send` itself carries attachments, which are sent online (the file is uploaded then).
 */
export const messages = {
  'messages.history': cached.query(z.object({ chatId: id, beforeSeq: seq.min(1).optional(), limit: z.number().int().min(1).max(200).optional() }).strict()),
  'messages.edit': cached.mutation(z.object({ messageId: id, text: messageText }).strict()),
  'messages.delete': cached.mutation(z.object({ messageId: id, forEveryone: z.boolean() }).strict()),
  // An emoji (null takes mine back) or one of my custom emoticons; the server checks which.
  'messages.react': cached.mutation(z.object({ messageId: id, emoji: z.string().min(1).max(32).nullable().optional(), emoticonId: id.optional() }).strict()),
  'messages.search': cached.query(
    z.object({ query: z.string().min(1).max(200), chatId: id.optional(), cursor: z.string().max(4096).optional(), limit: z.number().int().min(1).max(100).optional() }).strict(),
  ),
  'messages.send': online.mutation,
  'messages.forward': online.mutation,
  'messages.receipts': online.query,
  'messages.edits': online.query,
  // Stars are bookmarks kept on the server (every device sees them); online like receipts.
  'messages.star': online.mutation,
  'messages.starred': online.query,
};
