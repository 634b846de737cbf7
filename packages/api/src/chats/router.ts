import { authedProcedure, router } from '../trpc.js';
import { commonGroups, commonGroupsInput } from './common-groups.js';
import { chatIdInput, getChat } from './get-chat.js';
import { listChats, listChatsInput } from './list-chats.js';
import { markDelivered, markDeliveredInput } from './mark-delivered.js';
import { markRead, markReadInput } from './mark-read.js';
import { chatMedia, chatMediaInput } from './media-gallery.js';
import { openDirect, openDirectInput } from './open-direct.js';
import {
  archiveChat,
  archiveInput,
  pinChat,
  pinInput,
  clearChat,
  clearInput,
  hideChat,
  hideInput,
  muteChat,
  muteInput,
  setBackgroundInput,
  setChatBackground,
  setChatTheme,
  setThemeInput,
} from './own-settings.js';
import { setDisappearing, setDisappearingInput } from './set-disappearing.js';
import { setChatLabels, setLabelsInput } from './set-labels.js';
import { typing } from './typing.js';

export const chatsRouter = router({
  list: authedProcedure.input(listChatsInput).query(({ ctx, input }) => listChats(ctx, input)),
  openDirect: authedProcedure.input(openDirectInput).mutation(({ ctx, input }) => openDirect(ctx, input)),
  get: authedProcedure.input(chatIdInput).query(({ ctx, input }) => getChat(ctx, input)),
  markRead: authedProcedure.input(markReadInput).mutation(({ ctx, input }) => markRead(ctx, input)),
  markDelivered: authedProcedure.input(markDeliveredInput).mutation(({ ctx, input }) => markDelivered(ctx, input)),
  typing: authedProcedure.input(chatIdInput).mutation(({ ctx, input }) => typing(ctx, input)),
  clear: authedProcedure.input(clearInput).mutation(({ ctx, input }) => clearChat(ctx, input)),
  hide: authedProcedure.input(hideInput).mutation(({ ctx, input }) => hideChat(ctx, input)),
  pin: authedProcedure.input(pinInput).mutation(({ ctx, input }) => pinChat(ctx, input)),
  archive: authedProcedure.input(archiveInput).mutation(({ ctx, input }) => archiveChat(ctx, input)),
  mute: authedProcedure.input(muteInput).mutation(({ ctx, input }) => muteChat(ctx, input)),
  setTheme: authedProcedure.input(setThemeInput).mutation(({ ctx, input }) => setChatTheme(ctx, input)),
  setBackground: authedProcedure.input(setBackgroundInput).mutation(({ ctx, input }) => setChatBackground(ctx, input)),
  setDisappearing: authedProcedure.input(setDisappearingInput).mutation(({ ctx, input }) => setDisappearing(ctx, input)),
  media: authedProcedure.input(chatMediaInput).query(({ ctx, input }) => chatMedia(ctx, input)),
  commonGroups: authedProcedure.input(commonGroupsInput).query(({ ctx, input }) => commonGroups(ctx, input)),
  setLabels: authedProcedure.input(setLabelsInput).mutation(({ ctx, input }) => setChatLabels(ctx, input)),
});
