import { authedProcedure, router } from '../trpc.js';
import { removeAvatar, setAvatar, setAvatarInput } from './avatar.js';
import { deleteAccount, deleteAccountInput, requestDeleteCode } from './delete-account.js';
import { capabilities } from './capabilities.js';
import { getMe } from './get-me.js';
import { qrCode, rotateQr } from './qr-code.js';
import { updateProfile, updateProfileInput } from './update-profile.js';

export const meRouter = router({
  get: authedProcedure.query(({ ctx }) => getMe(ctx)),
  update: authedProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx, input)),
  setAvatar: authedProcedure.input(setAvatarInput).mutation(({ ctx, input }) => setAvatar(ctx, input)),
  removeAvatar: authedProcedure.mutation(({ ctx }) => removeAvatar(ctx)),
  qrCode: authedProcedure.query(({ ctx }) => qrCode(ctx)),
  rotateQr: authedProcedure.mutation(({ ctx }) => rotateQr(ctx)),
  requestDeleteCode: authedProcedure.mutation(({ ctx }) => requestDeleteCode(ctx)),
  capabilities: authedProcedure.query(({ ctx }) => capabilities(ctx)),
  deleteAccount: authedProcedure.input(deleteAccountInput).mutation(({ ctx, input }) => deleteAccount(ctx, input)),
});
