import { authedProcedure, router } from '../trpc.js';
import { shareLocation, shareLocationInput } from './share-location.js';
import { shareIdInput, stopLocation, updateLocation, updateLocationInput } from './update-location.js';

export const locationRouter = router({
  share: authedProcedure.input(shareLocationInput).mutation(({ ctx, input }) => shareLocation(ctx, input)),
  update: authedProcedure.input(updateLocationInput).mutation(({ ctx, input }) => updateLocation(ctx, input)),
  stop: authedProcedure.input(shareIdInput).mutation(({ ctx, input }) => stopLocation(ctx, input)),
});
