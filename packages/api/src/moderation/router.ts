import { router } from '../trpc.js';
import { listReports, listReportsInput } from './list-reports.js';
import { moderatorProcedure } from './moderator.js';
import { resolveReport, resolveReportInput } from './resolve-report.js';
import { liftSuspension, liftSuspensionInput } from './lift-suspension.js';

export const moderationRouter = router({
  reports: moderatorProcedure.input(listReportsInput).query(({ ctx, input }) => listReports(ctx, input)),
  resolveReport: moderatorProcedure.input(resolveReportInput).mutation(({ ctx, input }) => resolveReport(ctx, input)),
  liftSuspension: moderatorProcedure.input(liftSuspensionInput).mutation(({ ctx, input }) => liftSuspension(ctx, input)),
});
