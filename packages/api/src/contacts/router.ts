import { authedProcedure, router } from '../trpc.js';
import { addContact, addContactInput } from './add-contact.js';
import { invite, inviteInput } from './invite.js';
import { listContacts } from './list-contacts.js';
import { listRequests } from './list-requests.js';
import { acceptMessageRequest, deleteMessageRequest, deleteMessageRequestInput, messageRequestInput, messageRequests } from './message-requests.js';
import { removeContact, removeContactInput } from './remove-contact.js';
import { friendInput, requestFriend } from './request-friend.js';
import { cancelRequest, respondInput, respondToRequest } from './respond-request.js';
import { setTags, setTagsInput } from './set-tags.js';

export const contactsRouter = router({
  list: authedProcedure.query(({ ctx }) => listContacts(ctx)),
  add: authedProcedure.input(addContactInput).mutation(({ ctx, input }) => addContact(ctx, input)),
  remove: authedProcedure.input(removeContactInput).mutation(({ ctx, input }) => removeContact(ctx, input)),
  request: authedProcedure.input(friendInput).mutation(({ ctx, input }) => requestFriend(ctx, input)),
  requests: authedProcedure.query(({ ctx }) => listRequests(ctx)),
  respond: authedProcedure.input(respondInput).mutation(({ ctx, input }) => respondToRequest(ctx, input)),
  cancel: authedProcedure.input(friendInput).mutation(({ ctx, input }) => cancelRequest(ctx, input)),
  messageRequests: authedProcedure.query(({ ctx }) => messageRequests(ctx)),
  acceptMessageRequest: authedProcedure.input(messageRequestInput).mutation(({ ctx, input }) => acceptMessageRequest(ctx, input)),
  deleteMessageRequest: authedProcedure.input(deleteMessageRequestInput).mutation(({ ctx, input }) => deleteMessageRequest(ctx, input)),
  setTags: authedProcedure.input(setTagsInput).mutation(({ ctx, input }) => setTags(ctx, input)),
  invite: authedProcedure.input(inviteInput).mutation(({ ctx, input }) => invite(ctx, input)),
});
