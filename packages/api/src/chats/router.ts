import { authedProcedure, router } from '../trpc.js';
import { chatIdInput, getChat } from './get-chat.js';
import { listChats, listChatsInput } from './list-chats.js';
import { markRead, markReadInput } from './mark-read.js';
import { openDirect, openDirectInput } from './open-direct.js';
import { typing } from './typing.js';

export const chatsRouter = router({
  list: authedProcedure.input(listChatsInput).query(({ ctx, input }) => listChats(ctx, input)),
  openDirect: authedProcedure.input(openDirectInput).mutation(({ ctx, input }) => openDirect(ctx, input)),
  get: authedProcedure.input(chatIdInput).query(({ ctx, input }) => getChat(ctx, input)),
  markRead: authedProcedure.input(markReadInput).mutation(({ ctx, input }) => markRead(ctx, input)),
  typing: authedProcedure.input(chatIdInput).mutation(({ ctx, input }) => typing(ctx, input)),
});
