import { holdingPlace } from '../lib/subscription-places.js';
import { authedProcedure, router } from '../trpc.js';
import { changes, changesInput } from './changes.js';
import { events, eventsInput } from './events-subscription.js';

export const syncRouter = router({
  events: authedProcedure.input(eventsInput).subscription(({ ctx, input, signal }) => holdingPlace(ctx, () => events(ctx, input, signal))),
  changes: authedProcedure.input(changesInput).query(({ ctx, input }) => changes(ctx, input)),
});
