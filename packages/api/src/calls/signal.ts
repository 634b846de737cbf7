import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import type { AuthedContext } from '../trpc.js';
import { publishLive } from './call-change.js';
import { MAX_CANDIDATE_CHARS, MAX_SDP_CHARS } from './call-limits.js';
import type { CallSignal } from './call-view.js';
import { loadCallIn, markSeen } from './load-call.js';

const description = z
  .object({
    type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
    sdp: z.string().max(MAX_SDP_CHARS, `A session description is at most ${MAX_SDP_CHARS} characters`).optional(),
  })
  .strict();

const candidate = z
  .object({
    candidate: z.string().max(MAX_CANDIDATE_CHARS, `An ICE candidate is at most ${MAX_CANDIDATE_CHARS} characters`),
    sdpMid: z.string().max(64).nullish(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
    usernameFragment: z.string().max(256).nullish(),
  })
  .strict();

export const signalInput = z
  .object({ callId: id, toUserId: id, description: description.optional(), candidate: candidate.optional() })
  .strict()
  .refine((s) => (s.description === undefined) !== (s.candidate === undefined), 'A signal carries either a description or a candidate');

/**
 * Passes an offer, answer or candidate to the one device the other party is in the call on.
 * Both must be in the call; nothing is stored. It also counts as a sign of life of the sender.
 */
export async function signal(ctx: AuthedContext, input: z.infer<typeof signalInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { call, participants: parties } = await loadCallIn(deps.db, input.callId, me, ctx.user.sessionId);
  const target = parties.find((p) => p.userId === input.toUserId);
  if (!target || target.state === 'blocked' || target.userId === me) throw fail.notFound('Call participant');
  if (target.state !== 'joined' || !target.sessionId) throw fail.conflict('They are not in the call');

  await markSeen(deps.db, call.id, me, deps.clock.now());
  const event: CallSignal = { callId: call.id, fromUserId: me, ...(input.description ? { description: input.description } : {}), ...(input.candidate ? { candidate: input.candidate } : {}) };
  await publishLive(deps, [{ userIds: [target.userId], message: { kind: 'ephemeral', sessionId: target.sessionId, event: { type: 'call.signal', ...event } } }]);
  return { ok: true as const };
}
