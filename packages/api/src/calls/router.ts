import { authedProcedure, router } from '../trpc.js';
import { acceptCall } from './accept-call.js';
import { currentCalls } from './current-calls.js';
import { declineCall } from './decline-call.js';
import { endCall } from './end-call.js';
import { callHistory, historyInput } from './history.js';
import { iceServers } from './ice-servers.js';
import { keepAlive } from './keep-alive.js';
import { callIdInput } from './load-call.js';
import { signal, signalInput } from './signal.js';
import { startCall, startCallInput } from './start-call.js';

export const callsRouter = router({
  iceServers: authedProcedure.query(({ ctx }) => iceServers(ctx)),
  start: authedProcedure.input(startCallInput).mutation(({ ctx, input }) => startCall(ctx, input)),
  accept: authedProcedure.input(callIdInput).mutation(({ ctx, input }) => acceptCall(ctx, input)),
  decline: authedProcedure.input(callIdInput).mutation(({ ctx, input }) => declineCall(ctx, input)),
  end: authedProcedure.input(callIdInput).mutation(({ ctx, input }) => endCall(ctx, input)),
  signal: authedProcedure.input(signalInput).mutation(({ ctx, input }) => signal(ctx, input)),
  keepAlive: authedProcedure.input(callIdInput).mutation(({ ctx, input }) => keepAlive(ctx, input)),
  history: authedProcedure.input(historyInput).query(({ ctx, input }) => callHistory(ctx, input)),
  current: authedProcedure.query(({ ctx }) => currentCalls(ctx)),
});
