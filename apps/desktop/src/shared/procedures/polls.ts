import { online } from './declare.js';

export const polls = {
  'polls.create': online.mutation,
  'polls.vote': online.mutation,
  'polls.results': online.query,
};
