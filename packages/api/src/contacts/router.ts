import { authedProcedure, router } from '../trpc.js';
import { addContact, addContactInput } from './add-contact.js';
import { listContacts } from './list-contacts.js';
import { removeContact, removeContactInput } from './remove-contact.js';

export const contactsRouter = router({
  list: authedProcedure.query(({ ctx }) => listContacts(ctx)),
  add: authedProcedure.input(addContactInput).mutation(({ ctx, input }) => addContact(ctx, input)),
  remove: authedProcedure.input(removeContactInput).mutation(({ ctx, input }) => removeContact(ctx, input)),
});
