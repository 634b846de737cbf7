import { none } from './bounds.js';
import { cached, online } from './declare.js';

/**
 * My custom emoticons (`:party:` in text, and my stickers); the server keeps them and resizes
 * them. The desktop keeps the list in its cache, so the picker and the sticker tray work
 * offline; making, saving (someone's sticker) and deleting one need the server.
 */
export const emoticons = {
  'emoticons.list': cached.query(none),
  'emoticons.create': online.mutation,
  'emoticons.save': online.mutation,
  'emoticons.delete': online.mutation,
};
