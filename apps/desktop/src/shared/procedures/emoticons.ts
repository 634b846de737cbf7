import { online } from './declare.js';

/** My custom emoticons (`:party:` in text, and my stickers); the server keeps them and resizes them. */
export const emoticons = {
  'emoticons.list': online.query,
  'emoticons.create': online.mutation,
  'emoticons.delete': online.mutation,
};
