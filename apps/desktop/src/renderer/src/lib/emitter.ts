/** A tiny typed listener set: the Backend's events and state changes go through these. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One broken listener must not stop the others from hearing about the change.
        console.error(error);
      }
    }
  }
}

/** A value with listeners: the current connection state, for example. */
export class Observable<T> {
  private readonly changes = new Emitter<T>();
  constructor(private current: T) {}

  get(): T {
    return this.current;
  }

  set(next: T): void {
    if (Object.is(next, this.current)) return;
    this.current = next;
    this.changes.emit(next);
  }

  subscribe(listener: (value: T) => void): () => void {
    return this.changes.on(listener);
  }
}
