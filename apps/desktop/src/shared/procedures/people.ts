import { online } from './declare.js';

/** Finding people, contacts and friend requests, message requests, presence, blocking and reporting: online. */
export const people = {
  'users.get': online.query,
  'users.lookup': online.mutation,
  'users.byQr': online.mutation,
  'users.presence': online.query,
  'users.blocked': online.query,
  'users.block': online.mutation,
  'users.unblock': online.mutation,
  'users.report': online.mutation,
  'contacts.list': online.query,
  'contacts.add': online.mutation,
  'contacts.remove': online.mutation,
  'contacts.request': online.mutation,
  'contacts.requests': online.query,
  'contacts.respond': online.mutation,
  'contacts.cancel': online.mutation,
  'contacts.setTags': online.mutation,
  'contacts.invite': online.mutation,
  'contacts.messageRequests': online.query,
  'contacts.acceptMessageRequest': online.mutation,
  'contacts.deleteMessageRequest': online.mutation,
};
