import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { fail } from '../errors.js';
import { endSession } from './revoke.js';
import { idleCutoff } from './session-expiry.js';
import { id } from '../lib/schemas.js';

/** The user's signed-in devices, most recently used (refreshed or signed in) first. */
export async function listSessions(ctx: AuthedContext) {
  const rows = await ctx.deps.db
    .selectFrom('sessions')
    .select(['id', 'deviceName', 'createdAt', 'lastUsedAt'])
    .where('userId', '=', ctx.user.id)
    .where('revokedAt', 'is', null)
    // Expired but not yet swept: already signed out, so not listed.
    .where('lastUsedAt', '>', idleCutoff(ctx.deps.auth, ctx.deps.clock.now()))
    .orderBy('lastUsedAt', 'desc')
    .execute();
  return rows.map((s) => ({
    id: s.id,
    deviceName: s.deviceName,
    createdAt: new Date(s.createdAt).toISOString(),
    lastUsedAt: new Date(s.lastUsedAt).toISOString(),
    current: s.id === ctx.user.sessionId,
  }));
}

export const revokeSessionInput = z.object({ sessionId: id }).strict();

export async function revokeSession(ctx: AuthedContext, input: z.infer<typeof revokeSessionInput>) {
  const ended = await endSession(ctx.deps, ctx.user.id, input.sessionId, 'revoked by user');
  if (!ended) throw fail.notFound('Session');
  return { ok: true as const };
}

export async function logout(ctx: AuthedContext) {
  await endSession(ctx.deps, ctx.user.id, ctx.user.sessionId, 'logout');
  return { ok: true as const };
}
