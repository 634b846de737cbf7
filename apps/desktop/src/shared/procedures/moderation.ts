import { online } from './declare.js';

/** The moderation page (moderators only; the server refuses everyone else). */
export const moderation = {
  'moderation.reports': online.query,
  'moderation.resolveReport': online.mutation,
  'moderation.liftSuspension': online.mutation,
};
