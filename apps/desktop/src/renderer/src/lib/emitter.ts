/** A tiny typed listener set: the Backend's events and state changes go through these. */
export class Emitter<T> {
  protected readonly listeners = new Set<(value: T) => void>();

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

/**
 * Holds what is emitted while nobody listens and hands it to the first listener: the event
 * stream starts with sign-in, a moment before the screens that listen to it are mounted.
 */
export class BufferedEmitter<T> extends Emitter<T> {
  private held: T[] = [];
  constructor(private readonly limit = 10_000) {
    super();
  }

  override on(listener: (value: T) => void): () => void {
    const off = super.on(listener);
    const held = this.held;
    this.held = [];
    for (const value of held) listener(value);
    return off;
  }

  override emit(value: T): void {
    if (this.listeners.size === 0) {
      if (this.held.length < this.limit) this.held.push(value);
      return;
    }
    super.emit(value);
  }

  clear(): void {
    this.held = [];
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
