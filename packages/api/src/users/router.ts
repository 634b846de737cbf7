import { getPresence, presenceInput } from '../presence/get-presence.js';
import { authedProcedure, router } from '../trpc.js';
import { block, blocked, blockInput, unblock } from './block.js';
import { byQr, byQrInput } from './by-qr.js';
import { getUser, userIdInput } from './get-user.js';
import { lookup, lookupInput } from './lookup.js';
import { report, reportInput } from './report.js';

export const usersRouter = router({
  get: authedProcedure.input(userIdInput).query(({ ctx, input }) => getUser(ctx, input)),
  lookup: authedProcedure.input(lookupInput).mutation(({ ctx, input }) => lookup(ctx, input)),
  byQr: authedProcedure.input(byQrInput).mutation(({ ctx, input }) => byQr(ctx, input)),
  block: authedProcedure.input(blockInput).mutation(({ ctx, input }) => block(ctx, input)),
  unblock: authedProcedure.input(blockInput).mutation(({ ctx, input }) => unblock(ctx, input)),
  blocked: authedProcedure.query(({ ctx }) => blocked(ctx)),
  report: authedProcedure.input(reportInput).mutation(({ ctx, input }) => report(ctx, input)),
  presence: authedProcedure.input(presenceInput).query(({ ctx, input }) => getPresence(ctx, input)),
});
