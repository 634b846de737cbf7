import type { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { loadCallIn, markSeen, type callIdInput } from './load-call.js';

/**
 * The device in a call says it is still there (every few seconds); a device silent for longer
 * than SILENCE_TIMEOUT_MS has dropped out, and the server ends the call (sweep-calls.ts).
 */
export async function keepAlive(ctx: AuthedContext, input: z.infer<typeof callIdInput>) {
  const { db, clock } = ctx.deps;
  const { call } = await loadCallIn(db, input.callId, ctx.user.id, ctx.user.sessionId);
  await markSeen(db, call.id, ctx.user.id, clock.now());
  return { ok: true as const };
}
