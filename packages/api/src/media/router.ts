import { authedProcedure, router } from '../trpc.js';
import { getMedia, mediaIdInput, mediaUrl } from './media-url.js';

/** Bytes go over HTTP (POST /media, GET /media/:id); these are the tRPC helpers around them. */
export const mediaRouter = router({
  get: authedProcedure.input(mediaIdInput).query(({ ctx, input }) => getMedia(ctx, input)),
  url: authedProcedure.input(mediaIdInput).query(({ ctx, input }) => mediaUrl(ctx, input)),
});
