import { z } from 'zod';

/** Every row id a client names (chat, message, user, media, poll…): opaque, bounded. */
export const id = z.string().min(1, 'An id cannot be empty').max(64, 'Ids are at most 64 characters');

/** A client's own id for something it creates (a message's clientId): retries reuse it. */
export const clientId = id;
