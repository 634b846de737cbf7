import { z } from 'zod';
import type { Context } from '../context.js';
import { fail } from '../errors.js';

export const authenticateSocketInput = z.object({ accessToken: z.string().min(1).max(4096) }).strict();

/**
 * Over a WebSocket only: signs the socket in with a (fresh) access token. A socket's sign-in
 * lasts until its token expires; before then the client refreshes its tokens and sends the new
 * access token here, or the server closes the socket (4002). An anonymous socket must do this
 * (or send a token in connectionParams) within WS_AUTH_TIMEOUT_MS, or it is closed (4003).
 */
export async function authenticateSocket(ctx: Context, input: z.infer<typeof authenticateSocketInput>) {
  if (!ctx.connection) throw fail.badRequest('auth.authenticateSocket is for WebSocket connections; over HTTP send the token in the Authorization header');
  const expiresAt = await ctx.connection.signIn.authenticate(input.accessToken);
  return { expiresAt: expiresAt.toISOString() };
}
