import { authedProcedure, publicProcedure, router } from '../trpc.js';
import { authenticateSocket, authenticateSocketInput } from './authenticate-socket.js';
import { refresh, refreshInput } from './refresh.js';
import { requestCode, requestCodeInput } from './request-code.js';
import { listSessions, logout, revokeSession, revokeSessionInput } from './sessions.js';
import { verifyCode, verifyCodeInput } from './verify-code.js';

export const authRouter = router({
  requestCode: publicProcedure.input(requestCodeInput).mutation(({ ctx, input }) => requestCode(ctx, input)),
  verifyCode: publicProcedure.input(verifyCodeInput).mutation(({ ctx, input }) => verifyCode(ctx, input)),
  refresh: publicProcedure.input(refreshInput).mutation(({ ctx, input }) => refresh(ctx, input)),
  logout: authedProcedure.mutation(({ ctx }) => logout(ctx)),
  sessions: authedProcedure.query(({ ctx }) => listSessions(ctx)),
  revokeSession: authedProcedure.input(revokeSessionInput).mutation(({ ctx, input }) => revokeSession(ctx, input)),
  authenticateSocket: publicProcedure.input(authenticateSocketInput).mutation(({ ctx, input }) => authenticateSocket(ctx, input)),
});
