import { z } from 'zod';

/** Raw phone text as typed; parsed to E.164 by the handler with the server's default region. */
export const phoneInput = z.string().trim().min(3, 'Enter a phone number').max(32, 'That is not a phone number');
