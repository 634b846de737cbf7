import { authedProcedure, router } from '../trpc.js';
import { deviceIdInput, listDevices, registerDevice, registerDeviceInput, removeDevice, vapidPublicKey } from './devices.js';

export const devicesRouter = router({
  register: authedProcedure.input(registerDeviceInput).mutation(({ ctx, input }) => registerDevice(ctx, input)),
  list: authedProcedure.query(({ ctx }) => listDevices(ctx)),
  remove: authedProcedure.input(deviceIdInput).mutation(({ ctx, input }) => removeDevice(ctx, input)),
  vapidPublicKey: authedProcedure.query(({ ctx }) => vapidPublicKey(ctx)),
});
