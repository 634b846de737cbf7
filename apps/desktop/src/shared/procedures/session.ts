import type { UserView } from '@confab/api';
import { z } from 'zod';
import { local } from './declare.js';
import { none, phone } from './bounds.js';

/** Signing in and out. The desktop keeps the tokens in main (the OS keychain); the web in its tab. */
export const session = {
  /** The stored session after a reload or restart, or null when signed out. */
  'session.restore': local.query(none).answers<{ user: UserView | null }>(),
  'session.requestCode': local.mutation(z.object({ phone }).strict()).answers<{ phone: string; expiresInSeconds: number }>(),
  'session.verifyCode': local.mutation(z.object({ phone, code: z.string().regex(/^\d{4,10}$/) }).strict()).answers<{ user: UserView; isNewUser: boolean }>(),
  /** Ends the session on the server when reachable; this device forgets it (and its cache) either way. */
  'session.signOut': local.mutation(none).answers<null>(),
};
