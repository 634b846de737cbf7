import { authedProcedure, router } from '../trpc.js';
import { deleteMessage, deleteMessageInput } from './delete-message.js';
import { editMessage, editMessageInput } from './edit-message.js';
import { edits, editsInput } from './edits.js';
import { forwardInput, forwardMessage } from './forward.js';
import { history, historyInput } from './history.js';
import { react, reactInput } from './react.js';
import { messageReceipts, receiptsInput } from './receipts.js';
import { searchInput, searchMessages } from './search.js';
import { sendMessage } from './send-message.js';
import { sendMessageInput } from './send-input.js';
import { starInput, starMessage } from './star.js';
import { starredInput, starredMessages } from './starred.js';
import { linkPreview, linkPreviewInput } from './link-preview.js';

export const messagesRouter = router({
  send: authedProcedure.input(sendMessageInput).mutation(({ ctx, input }) => sendMessage(ctx, input)),
  history: authedProcedure.input(historyInput).query(({ ctx, input }) => history(ctx, input)),
  edit: authedProcedure.input(editMessageInput).mutation(({ ctx, input }) => editMessage(ctx, input)),
  edits: authedProcedure.input(editsInput).query(({ ctx, input }) => edits(ctx, input)),
  delete: authedProcedure.input(deleteMessageInput).mutation(({ ctx, input }) => deleteMessage(ctx, input)),
  react: authedProcedure.input(reactInput).mutation(({ ctx, input }) => react(ctx, input)),
  forward: authedProcedure.input(forwardInput).mutation(({ ctx, input }) => forwardMessage(ctx, input)),
  receipts: authedProcedure.input(receiptsInput).query(({ ctx, input }) => messageReceipts(ctx, input)),
  search: authedProcedure.input(searchInput).query(({ ctx, input }) => searchMessages(ctx, input)),
  star: authedProcedure.input(starInput).mutation(({ ctx, input }) => starMessage(ctx, input)),
  starred: authedProcedure.input(starredInput).query(({ ctx, input }) => starredMessages(ctx, input)),
  linkPreview: authedProcedure.input(linkPreviewInput).query(({ ctx, input }) => linkPreview(ctx, input)),
});
