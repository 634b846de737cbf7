import { authedProcedure, router } from '../trpc.js';
import { getSettings } from './get-settings.js';
import { updateSettings, updateSettingsInput } from './update-settings.js';

export const settingsRouter = router({
  get: authedProcedure.query(({ ctx }) => getSettings(ctx)),
  update: authedProcedure.input(updateSettingsInput).mutation(({ ctx, input }) => updateSettings(ctx, input)),
});
