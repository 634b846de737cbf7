import { authedProcedure, router } from '../trpc.js';
import { createEmoticon, createEmoticonInput } from './create-emoticon.js';
import { deleteEmoticon, deleteEmoticonInput, listEmoticons } from './delete-emoticon.js';
import { saveEmoticon, saveEmoticonInput } from './save-emoticon.js';

export const emoticonsRouter = router({
  list: authedProcedure.query(({ ctx }) => listEmoticons(ctx)),
  create: authedProcedure.input(createEmoticonInput).mutation(({ ctx, input }) => createEmoticon(ctx, input)),
  save: authedProcedure.input(saveEmoticonInput).mutation(({ ctx, input }) => saveEmoticon(ctx, input)),
  delete: authedProcedure.input(deleteEmoticonInput).mutation(({ ctx, input }) => deleteEmoticon(ctx, input)),
});
