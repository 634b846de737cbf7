import { online } from './declare.js';

export const settings = {
  'settings.get': online.query,
  'settings.update': online.mutation,
};
