import { createContext, useContext } from 'react';
import type { Backend } from '../lib/backend';
import type { Messenger } from './messenger';

export const BackendContext = createContext<Backend | null>(null);
export const MessengerContext = createContext<Messenger | null>(null);

export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (!backend) throw new Error('useBackend outside <BackendContext>');
  return backend;
}

export function useMessenger(): Messenger {
  const messenger = useContext(MessengerContext);
  if (!messenger) throw new Error('useMessenger outside <MessengerContext>');
  return messenger;
}
