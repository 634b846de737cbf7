import { randomBytes, randomUUID } from 'node:crypto';

/** Opaque, unguessable ids for rows. */
export const newId = (): string => randomUUID();

/** URL-safe random token of `bytes` bytes from the CSPRNG. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
