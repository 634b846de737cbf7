import { online } from './declare.js';

/** Linked devices, deleting the account and what this account may do: online. */
export const account = {
  'auth.sessions': online.query,
  'auth.revokeSession': online.mutation,
  'me.capabilities': online.query,
  'me.requestDeleteCode': online.mutation,
  'me.deleteAccount': online.mutation,
};
