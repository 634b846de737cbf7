import { none } from './bounds.js';
import { cached, online } from './declare.js';

/** My custom emoticons: the desktop keeps the list in its cache, so the picker works offline; making and deleting one need the server. */
export const emoticons = {
  'emoticons.list': cached.query(none),
  'emoticons.create': online.mutation,
  'emoticons.delete': online.mutation,
};
