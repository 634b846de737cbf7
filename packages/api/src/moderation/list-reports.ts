import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { toReportViews } from './report-view.js';

export const listReportsInput = z.object({ status: z.enum(['open', 'resolved']).default('open') }).strict().default({ status: 'open' });

const MAX_REPORTS = 200;

/** Open reports oldest first (the queue); resolved ones latest resolved first. */
export async function listReports(ctx: AuthedContext, input: z.infer<typeof listReportsInput>) {
  const { db } = ctx.deps;
  let query = db.selectFrom('reports').selectAll().where('status', '=', input.status);
  query = input.status === 'open' ? query.orderBy('createdAt', 'asc') : query.orderBy('resolvedAt', 'desc');
  const rows = await query.orderBy('id').limit(MAX_REPORTS).execute();
  return { reports: await toReportViews(db, rows) };
}
