import { authedProcedure, router } from '../trpc.js';
import { deleteMessage, deleteMessageInput } from './delete-message.js';
import { editMessage, editMessageInput } from './edit-message.js';
import { history, historyInput } from './history.js';
import { react, reactInput } from './react.js';
import { sendMessage, sendMessageInput } from './send-message.js';

export const messagesRouter = router({
  send: authedProcedure.input(sendMessageInput).mutation(({ ctx, input }) => sendMessage(ctx, input)),
  history: authedProcedure.input(historyInput).query(({ ctx, input }) => history(ctx, input)),
  edit: authedProcedure.input(editMessageInput).mutation(({ ctx, input }) => editMessage(ctx, input)),
  delete: authedProcedure.input(deleteMessageInput).mutation(({ ctx, input }) => deleteMessage(ctx, input)),
  react: authedProcedure.input(reactInput).mutation(({ ctx, input }) => react(ctx, input)),
});
