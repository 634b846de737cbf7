import { useCallback, useSyncExternalStore } from 'react';

/**
 * A minimal external store: immutable state, replaced on every change, read by components through
 * selectors. Selectors must return parts of the state (or primitives), not new objects.
 */
export class Store<T> {
  private readonly listeners = new Set<() => void>();
  constructor(private state: T) {}

  get = (): T => this.state;

  set(update: (state: T) => T): void {
    const next = update(this.state);
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
}

export function useStore<T, S>(store: Store<T>, selector: (state: T) => S): S {
  const select = useCallback(() => selector(store.get()), [store, selector]);
  return useSyncExternalStore(store.subscribe, select, select);
}
