import type { MessengerState } from '../features/chats/state';
import { useStore } from '../lib/store';
import { useMessenger } from './context';

/** Reads a part of the signed-in app's state; re-renders when that part changes. */
export function useMessengerState<S>(selector: (state: MessengerState) => S): S {
  return useStore(useMessenger().store, selector);
}
