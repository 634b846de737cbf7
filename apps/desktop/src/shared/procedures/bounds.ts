import { z } from 'zod';

// zod compiles object parsers with `new Function` where it may; the page's strict CSP forbids
// eval (and reports even zod's probe for it), so these schemas run interpreted everywhere.
z.config({ jitless: true });

/**
 * Bounds for what the page sends main for the procedures the desktop core answers. The page is
 * untrusted input (a compromised renderer can call anything with anything), so every field is
 * bounded and every object strict; the server checks its own rules again for what reaches it.
 */
export const id = z.string().min(1).max(128);
export const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const messageText = z.string().min(1).max(65_536);
export const none = z.object({}).strict();
export const phone = z.string().min(3).max(32);
/** The server's largest per-kind upload limit; it enforces the exact one. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
