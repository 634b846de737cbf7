import { z } from 'zod';

/** Every row id a client names (chat, message, user, media, poll…): opaque, bounded. */
export const id = z
  .string()
  .min(1, 'An id cannot be empty')
  .max(64, 'Ids are at most 64 characters')
  // PostgreSQL text cannot hold U+0000: such an id would fail in the query, not as a bad input.
  .regex(/^\P{Cc}*$/u, 'Ids cannot contain control characters');

/** A client's own id for something it creates (a message's clientId): retries reuse it. */
export const clientId = id;
