/**
 * How much work one server process accepts at once. Past capacity, accepting everything only
 * makes every request late (and memory grow); refusing the excess at once, with a hint of when
 * to come back, keeps the admitted ones fast. A short wait absorbs bursts before refusing.
 */
export interface AdmissionLimits {
  /** Calls running at once in this process. */
  maxInFlight: number;
  /** Calls running at once for one client (a WebSocket, or an IP over HTTP); as many again may wait. */
  maxInFlightPerClient: number;
  /** How long a call may wait for a slot before it is refused (0: refuse at once). */
  queueMs: number;
  /** Calls waiting at once in this process. */
  maxWaiting: number;
}

export type RefusalReason = 'server_busy' | 'client_busy' | 'waited_too_long';

export class AdmissionRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(`admission refused: ${reason}`);
    this.name = 'AdmissionRefused';
  }
}

/** The caller went away (socket closed, request aborted) while its call waited. */
export class AdmissionAbandoned extends Error {
  constructor() {
    super('the caller went away while waiting');
    this.name = 'AdmissionAbandoned';
  }
}

export interface AdmissionObserver {
  changed?(state: { inFlight: number; waiting: number }): void;
  refused?(reason: RefusalReason): void;
}

/** Ends the admitted call's hold on its slot; calling it again does nothing. */
export type Release = () => void;

interface ClientLoad {
  running: number;
  waiting: number;
}

interface Waiter {
  client: string;
  admit(): void;
}

export class AdmissionGate {
  private running = 0;
  private readonly queue: Waiter[] = [];
  private readonly clients = new Map<string, ClientLoad>();

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly observer: AdmissionObserver = {},
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves once the call may run (the caller must release when it ends); rejects with
   * AdmissionRefused when the process or this client is full and the wait is full or too long.
   */
  enter(client: string, signal?: AbortSignal): Promise<Release> {
    const load = this.loadOf(client);
    if (this.running < this.limits.maxInFlight && load.running < this.limits.maxInFlightPerClient) {
      return Promise.resolve(this.admit(client, load));
    }
    const mayWait = this.limits.queueMs > 0 && this.queue.length < this.limits.maxWaiting && load.waiting < this.limits.maxInFlightPerClient;
    if (!mayWait || signal?.aborted) {
      return Promise.reject(this.refuse(client, load, this.running >= this.limits.maxInFlight ? 'server_busy' : 'client_busy'));
    }
    return new Promise<Release>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.queue.splice(this.queue.indexOf(waiter), 1);
        load.waiting -= 1;
      };
      const waiter: Waiter = {
        client,
        admit: () => {
          leave();
          resolve(this.admit(client, load));
        },
      };
      const timer = setTimeout(() => {
        leave();
        reject(this.refuse(client, load, 'waited_too_long'));
      }, this.limits.queueMs);
      const onAbort = () => {
        leave();
        this.forgetIfIdle(client, load);
        this.notify();
        reject(new AdmissionAbandoned());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      load.waiting += 1;
      this.queue.push(waiter);
      this.notify();
    });
  }

  private admit(client: string, load: ClientLoad): Release {
    this.running += 1;
    load.running += 1;
    this.notify();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      load.running -= 1;
      this.forgetIfIdle(client, load);
      this.admitWaiters();
      this.notify();
    };
  }

  /** Oldest first, skipping waiters whose own client is still at its cap (they keep their place). */
  private admitWaiters(): void {
    for (let i = 0; i < this.queue.length && this.running < this.limits.maxInFlight; ) {
      const waiter = this.queue[i]!;
      if (this.loadOf(waiter.client).running < this.limits.maxInFlightPerClient) waiter.admit(); // removes it from the queue
      else i += 1;
    }
  }

  private refuse(client: string, load: ClientLoad, reason: RefusalReason): AdmissionRefused {
    this.forgetIfIdle(client, load);
    this.notify();
    this.observer.refused?.(reason);
    return new AdmissionRefused(reason);
  }

  private loadOf(client: string): ClientLoad {
    let load = this.clients.get(client);
    if (!load) {
      load = { running: 0, waiting: 0 };
      this.clients.set(client, load);
    }
    return load;
  }

  private forgetIfIdle(client: string, load: ClientLoad): void {
    if (load.running === 0 && load.waiting === 0 && this.clients.get(client) === load) this.clients.delete(client);
  }

  private notify(): void {
    this.observer.changed?.({ inFlight: this.running, waiting: this.queue.length });
  }
}
