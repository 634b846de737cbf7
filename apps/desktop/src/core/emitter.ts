import type { CoreEvent, CoreListener } from './types.js';

/** Fan-out of core events to UI listeners; a throwing listener does not stop the others. */
export class CoreEmitter {
  private readonly listeners = new Set<CoreListener>();

  constructor(private readonly log: (message: string, error?: unknown) => void) {}

  subscribe(listener: CoreListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(event: CoreEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log(`a listener failed on ${event.type}`, error);
      }
    }
  }
}
