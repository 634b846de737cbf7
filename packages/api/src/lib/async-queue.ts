/**
 * Bridges push callbacks (the bus) to a pull loop (an async generator). `next` resolves with
 * the next item, or with `undefined` once the signal aborts.
 *
 * The abort listener is added once per signal, not once per `next`: a subscription waits
 * once per event, and a group message is an event on hundreds of subscriptions at once, so a
 * listener added and removed on every wait was a measurable share of the fan-out.
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private waiter: ((item: T | undefined) => void) | null = null;
  private watched: AbortSignal | null = null;

  /** A `next` is waiting: nothing is queued, and the puller is idle until an item comes. */
  get waiting(): boolean {
    return this.waiter !== null;
  }

  push(item: T): void {
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = null;
      wake(item);
    } else {
      this.items.push(item);
    }
  }

  next(signal: AbortSignal | undefined): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (signal?.aborted) return Promise.resolve(undefined);
    if (signal && signal !== this.watched) {
      this.watched = signal;
      signal.addEventListener('abort', () => this.wakeEmpty(), { once: true });
    }
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private wakeEmpty(): void {
    const wake = this.waiter;
    this.waiter = null;
    wake?.(undefined);
  }
}
