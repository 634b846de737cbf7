import { z } from 'zod';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import { sha256Hex } from '../lib/hash.js';
import { REFRESHES_PER_SESSION } from './limits.js';
import { endSession } from './revoke.js';
import { endedSessionMessage, hasIdledOut, idleCutoff, SESSION_ENDED_MESSAGE, SESSION_EXPIRED_MESSAGE } from './session-expiry.js';
import { mintTokens } from './session-tokens.js';

export const refreshInput = z.object({ refreshToken: z.string().min(20).max(200) }).strict();

/**
 * Rotates the refresh token. A token that was already rotated away is being replayed: someone
 * else has a copy, so the whole session ends. A session unused for the idle period has expired:
 * it ends here (closing any socket it still holds) if the housekeeping sweep has not ended it yet.
 */
export async function refresh(ctx: Context, input: z.infer<typeof refreshInput>) {
  const { deps } = ctx;
  const now = deps.clock.now();
  const hash = sha256Hex(input.refreshToken);

  const session = await deps.db.selectFrom('sessions').selectAll().where('refreshHash', '=', hash).executeTakeFirst();
  if (!session) {
    const spent = await deps.db
      .selectFrom('spentRefreshTokens')
      .innerJoin('sessions', 'sessions.id', 'spentRefreshTokens.sessionId')
      .select(['sessions.id', 'sessions.userId'])
      .where('spentRefreshTokens.hash', '=', hash)
      .executeTakeFirst();
    if (spent) {
      await endSession(deps, spent.userId, spent.id, 'refresh token reused');
      deps.log.warn({ event: 'auth.refresh_reused', userId: spent.userId, sessionId: spent.id }, 'refresh token reused; session revoked');
    }
    throw fail.unauthorized(SESSION_ENDED_MESSAGE);
  }
  if (session.revokedAt) throw fail.unauthorized(endedSessionMessage(session, deps.auth));
  if (hasIdledOut(session, deps.auth, now)) {
    await endSession(deps, session.userId, session.id, 'idle', { unusedSince: idleCutoff(deps.auth, now) });
    throw fail.unauthorized(SESSION_EXPIRED_MESSAGE);
  }

  const limit = await deps.rateLimits.durable.hit(`refresh:${session.id}`, REFRESHES_PER_SESSION, now);
  if (!limit.allowed) throw fail.tooManyRequests('Too many refreshes', limit.retryAfterSeconds);

  const tokens = await mintTokens(deps, session.userId, session.id);
  const rotated = await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('sessions')
      .set({ refreshHash: tokens.refreshHash, lastUsedAt: now })
      .where('id', '=', session.id)
      .where('refreshHash', '=', hash)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await trx.insertInto('spentRefreshTokens').values({ hash, sessionId: session.id, spentAt: now }).execute();
    return true;
  });
  // Lost a race with a concurrent refresh of the same token: treat it as reuse.
  if (!rotated) {
    await endSession(deps, session.userId, session.id, 'refresh token raced');
    throw fail.unauthorized(SESSION_ENDED_MESSAGE);
  }
  deps.log.info({ event: 'auth.refreshed', userId: session.userId, sessionId: session.id }, 'tokens refreshed');
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessTokenExpiresAt: tokens.accessTokenExpiresAt };
}
