import { online } from './declare.js';

/** Voice and video calls: signalling is live-only, so every procedure runs on the server. */
export const calls = {
  'calls.iceServers': online.query,
  'calls.start': online.mutation,
  'calls.accept': online.mutation,
  'calls.decline': online.mutation,
  'calls.end': online.mutation,
  'calls.signal': online.mutation,
  'calls.keepAlive': online.mutation,
  'calls.current': online.query,
  'calls.history': online.query,
};
