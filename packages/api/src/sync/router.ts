import { holdingPlace } from '../lib/subscription-places.js';
import { authedProcedure, router } from '../trpc.js';
import { changes, changesInput } from './changes.js';
import { events, eventsInput, startingPoint } from './events-subscription.js';

export const syncRouter = router({
  events: authedProcedure.input(eventsInput).subscription(async ({ ctx, input, signal }) => {
    const present = await startingPoint(ctx, input);
    return holdingPlace(ctx, () => events(ctx, input, present, signal));
  }),
  changes: authedProcedure.input(changesInput).query(({ ctx, input }) => changes(ctx, input)),
});
