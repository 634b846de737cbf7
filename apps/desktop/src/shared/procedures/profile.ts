import { cached, online } from './declare.js';
import { none } from './bounds.js';

/** My profile. The desktop answers `me.get` from its cache when offline. */
export const profile = {
  'me.get': cached.query(none),
  'me.update': online.mutation,
  'me.setAvatar': online.mutation,
  'me.removeAvatar': online.mutation,
  'me.qrCode': online.query,
  'me.rotateQr': online.mutation,
};
