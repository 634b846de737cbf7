/**
 * Bridges push callbacks (the bus) to a pull loop (an async generator). `next` resolves with
 * the next item, or with `undefined` once the signal aborts (or after `idleMs`, when given).
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private waiter: ((item: T | undefined) => void) | null = null;

  push(item: T): void {
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = null;
      wake(item);
    } else {
      this.items.push(item);
    }
  }

  next(signal: AbortSignal | undefined, idleMs?: number): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const finish = (item: T | undefined) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = null;
        resolve(item);
      };
      const onAbort = () => finish(undefined);
      const timer = idleMs === undefined ? undefined : setTimeout(() => finish(undefined), idleMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = finish;
    });
  }
}
