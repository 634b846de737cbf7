import type { Backend, BackendEvent } from './backend';

/**
 * Data a screen loads from the server and keeps fresh from the live stream: each change bumps
 * `version`, which components read through useSyncExternalStore. One instance per Backend.
 */
export abstract class LiveData {
  version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(protected readonly backend: Backend) {
    backend.onEvent((event) => this.apply(event));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  protected changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  /** A live event: update what it touches and call `changed`. */
  protected abstract apply(event: BackendEvent): void;
}
