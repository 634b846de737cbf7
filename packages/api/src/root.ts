import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { authRouter } from './auth/router.js';
import { callsRouter } from './calls/router.js';
import { chatsRouter } from './chats/router.js';
import { contactsRouter } from './contacts/router.js';
import { devicesRouter } from './devices/router.js';
import { groupsRouter } from './groups/router.js';
import { meRouter } from './me/router.js';
import { mediaRouter } from './media/router.js';
import { messagesRouter } from './messages/router.js';
import { notificationsRouter } from './notifications/router.js';
import { pollsRouter } from './polls/router.js';
import { settingsRouter } from './settings/router.js';
import { storiesRouter } from './stories/router.js';
import { syncRouter } from './sync/router.js';
import { usersRouter } from './users/router.js';
import { router } from './trpc.js';
import { moderationRouter } from './moderation/router.js';
import { locationRouter } from './location/router.js';
import { emoticonsRouter } from './emoticons/router.js';

export const appRouter = router({
  auth: authRouter,
  chats: chatsRouter,
  messages: messagesRouter,
  sync: syncRouter,
  me: meRouter,
  users: usersRouter,
  contacts: contactsRouter,
  media: mediaRouter,
  groups: groupsRouter,
  polls: pollsRouter,
  settings: settingsRouter,
  calls: callsRouter,
  stories: storiesRouter,
  notifications: notificationsRouter,
  devices: devicesRouter,
  moderation: moderationRouter,
  location: locationRouter,
  emoticons: emoticonsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
