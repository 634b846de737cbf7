import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { deleteForEveryone } from '../messages/delete-for-everyone.js';
import type { AuthedContext } from '../trpc.js';
import type { EvidenceMessage } from './evidence.js';
import { toReportViews, type Resolution } from './report-view.js';
import { endEverySession, tellSuspended } from './suspension.js';

export const resolveReportInput = z.object({ reportId: id, action: z.enum(['dismiss', 'removeContent', 'suspendUser']) }).strict();

const RESOLUTION: Record<z.infer<typeof resolveReportInput>['action'], Resolution> = {
  dismiss: 'dismissed',
  removeContent: 'contentRemoved',
  suspendUser: 'userSuspended',
};

/**
 * Closes an open report: dismiss it, remove the reported messages for everyone (live and in
 * every stream), or suspend the reported person (sessions and sockets end at once, sign-in is
 * refused). Load → authorise (moderatorProcedure) → change → emit.
 */
export async function resolveReport(ctx: AuthedContext, input: z.infer<typeof resolveReportInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();

  const suspended = await transact(deps, async (trx, emit) => {
    const report = await trx.selectFrom('reports').selectAll().where('id', '=', input.reportId).forUpdate().executeTakeFirst();
    if (!report) throw fail.notFound('Report');
    if (report.status !== 'open') throw fail.conflict('This report was already resolved');
    let suspend: string | null = null;

    if (input.action === 'removeContent') {
      const ids = (Array.isArray(report.evidence) ? (report.evidence as EvidenceMessage[]) : []).map((m) => m.id);
      if (ids.length === 0) throw fail.badRequest('This report has no messages to remove');
      const messages = await trx.selectFrom('messages').selectAll().where('id', 'in', ids).where('deletedAt', 'is', null).forUpdate().execute();
      for (const message of messages) await deleteForEveryone(trx, emit, message, now);
    }
    if (input.action === 'suspendUser') {
      if (!report.targetUserId) throw fail.badRequest('This report is about a group; remove its content instead');
      if (report.targetUserId === me) throw fail.badRequest('You cannot suspend yourself');
      await trx.updateTable('users').set({ suspendedAt: now }).where('id', '=', report.targetUserId).where('suspendedAt', 'is', null).execute();
      suspend = report.targetUserId;
    }

    await trx.updateTable('reports').set({ status: 'resolved', resolvedAt: now, resolvedBy: me, resolution: RESOLUTION[input.action] }).where('id', '=', report.id).execute();
    return suspend;
  });

  // After the commit: the suspension holds even if ending a session fails, and a new sign-in is already refused.
  if (suspended) {
    await tellSuspended(deps, suspended);
    await endEverySession(deps, suspended, 'suspended by a moderator');
  }
  deps.log.info({ event: 'moderation.resolved', reportId: input.reportId, moderatorId: me, action: input.action }, 'report resolved');
  const row = await deps.db.selectFrom('reports').selectAll().where('id', '=', input.reportId).executeTakeFirstOrThrow();
  return (await toReportViews(deps.db, [row]))[0]!;
}
