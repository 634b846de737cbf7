import { online } from './declare.js';

/** Sharing from the composer: live locations and link previews; the server answers. */
export const sharing = {
  'location.share': online.mutation,
  'location.update': online.mutation,
  'location.stop': online.mutation,
  'messages.linkPreview': online.query,
};
