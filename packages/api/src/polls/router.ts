import { authedProcedure, router } from '../trpc.js';
import { createPoll, createPollInput } from './create-poll.js';
import { pollIdInput, results } from './results.js';
import { vote, voteInput } from './vote.js';

export const pollsRouter = router({
  create: authedProcedure.input(createPollInput).mutation(({ ctx, input }) => createPoll(ctx, input)),
  vote: authedProcedure.input(voteInput).mutation(({ ctx, input }) => vote(ctx, input)),
  results: authedProcedure.input(pollIdInput).query(({ ctx, input }) => results(ctx, input)),
});
