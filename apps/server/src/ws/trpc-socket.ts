import type { Admission, Context } from '@confab/api';
import { unavailableIfDatabaseDown } from '@confab/api';
import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  transformTRPCResponse,
  TRPCError,
  type AnyTRPCRouter,
  type TRPCProcedureType,
} from '@trpc/server';
import { parseConnectionParamsFromUnknown } from '@trpc/server/http';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import { parseTRPCMessage, TRPC_ERROR_CODES_BY_KEY, type TRPCClientOutgoingMessage, type TRPCErrorShape, type TRPCResponseMessage } from '@trpc/server/rpc';
import type { RawData, WebSocket } from 'ws';
import { heard, type Liveness } from './keep-alive-sweep.js';
import type { WsEncoder } from './shared-event-encoder.js';
import { WebSocketSignIn, type SignInShared } from './socket-sign-in.js';

type RequestId = number | string;
type CallType = TRPCProcedureType | 'unknown';

/** What every socket of one server shares (one object, referenced by each socket). */
export interface TrpcSocketShared extends SignInShared {
  router: AnyTRPCRouter;
  encoder: WsEncoder;
  admission: Admission;
  maxSubscriptions: number;
  authTimeoutMs: number;
  /** Every open socket (the keep-alive sweep, the reconnect notice and shutdown walk it); a socket leaves as it closes. */
  sockets: Set<TrpcSocket>;
  /** Every error a call or the connection ends in, as tRPC's adapter reports them to `onError`. */
  onError(error: TRPCError, type: CallType, path: string | undefined): void;
  /** The socket closed (metrics). */
  onClosed(socket: TrpcSocket): void;
}

const WEBSOCKET_OPEN = 1;
const kConnection = Symbol('confab.trpcSocket');
type Carrier = WebSocket & { [kConnection]?: TrpcSocket };

/** What the client gets when its error cannot be formatted or encoded (as tRPC's adapter). */
const fallbackErrorShape: TRPCErrorShape = {
  code: TRPC_ERROR_CODES_BY_KEY.INTERNAL_SERVER_ERROR,
  message: 'Internal server error',
  data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 },
};

/**
 * tRPC v11's WebSocket protocol (what @trpc/client's wsLink speaks), served with one object per
 * socket. It follows @trpc/server/adapters/ws message for message — connectionParams first when
 * the URL asks for it, `PING`/`PONG` text frames, query/mutation/subscription requests by id,
 * `started`/`data`/`stopped` results with tracked ids, `lastEventId` merged into a
 * resubscription's input, `subscription.stop`, errors shaped by the router's error formatter — and
 * calls procedures through tRPC's own `callTRPCProcedure`, so input validation, middlewares and
 * error formatting are tRPC's. What differs is the bookkeeping: tRPC's adapter builds some 35
 * closures per connection (respond, guardOnError, createCtxPromise…) and races each subscription
 * step through `Unpromise`; here a socket is this object (its sign-in included, it extends
 * WebSocketSignIn), its listeners are functions shared by every socket, the upgrade request is
 * not kept, the context is a small object per call, and a subscription is a `Subscription`
 * driven by callbacks on its iterator, with no closure per event.
 */
export class TrpcSocket extends WebSocketSignIn implements Liveness {
  heardAt = Date.now();
  pingedAt = 0;
  /** Sign-in from the connectionParams message, while it runs; calls that come meanwhile wait. */
  private pendingStart: Promise<void> | null = null;
  /** The first message is the connectionParams message (the URL said `connectionParams=1`). */
  private awaitingParams: boolean;
  /** Why the connection was refused (a bad token): every call on it gets this error. */
  private refused: TRPCError | null = null;
  private subscriptions: Map<RequestId, Subscription> | null = null;
  private gone: AbortController | null = null;

  constructor(
    protected override readonly shared: TrpcSocketShared,
    socket: WebSocket,
    /** Per-socket number: `id` names it as admission's client. */
    private readonly n: number,
    /** The client's address (the upgrade request itself is not kept). */
    readonly ip: string,
    expectsConnectionParams: boolean,
  ) {
    super(shared, socket, shared.authTimeoutMs);
    this.awaitingParams = expectsConnectionParams;
    const carrier = socket as Carrier;
    carrier[kConnection] = this;
    socket.on('message', onMessage);
    socket.on('pong', onPong);
    socket.on('error', onSocketError);
    socket.once('close', onClose);
  }

  // ctx.connection (packages/api context.ts): this socket is its own client for admission.
  get id(): string {
    return `ws#${this.n}`;
  }
  get signIn(): this {
    return this;
  }
  get maxSubscriptions(): number {
    return this.shared.maxSubscriptions;
  }
  /** Aborts when the socket closes; made on first use (an idle socket never needs it). */
  get closed(): AbortSignal {
    return (this.gone ??= new AbortController()).signal;
  }

  /** The context of one call; who is signed in is asked per call (packages/api trpc.ts, socketUser). */
  private context(send: Context['send']): Context {
    const context: Context = { deps: this.shared.deps, user: null, ip: this.ip, admission: this.shared.admission, connection: this };
    if (send) context.send = send;
    return context;
  }

  received(raw: RawData, isBinary: boolean): void {
    heard(this);
    let text: string | null = null;
    if (!isBinary) {
      text = raw.toString();
      // tRPC's keep-alive, as text frames, whatever the encoder.
      if (text === 'PONG') return;
      if (text === 'PING') return this.socket.send('PONG');
    }
    if (!Buffer.isBuffer(raw)) {
      return this.respondOrReport({ id: null, error: this.errorShape(new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: 'Unexpected WebSocket message format' }), 'unknown', undefined, undefined) });
    }
    const data = text ?? raw;

    if (this.awaitingParams) {
      this.awaitingParams = false;
      const start = this.start(data);
      this.pendingStart = start;
      void start.finally(() => {
        if (this.pendingStart === start) this.pendingStart = null;
      });
      return;
    }

    let requests: TRPCClientOutgoingMessage[];
    try {
      const decoded = this.shared.encoder.decode(data);
      const { transformer } = this.shared.router._def._config;
      requests = (Array.isArray(decoded) ? decoded : [decoded]).map((item) => parseTRPCMessage(item, transformer));
    } catch (cause) {
      const error = new TRPCError({ code: 'PARSE_ERROR', cause });
      return this.respondOrReport({ id: null, error: this.errorShape(error, 'unknown', undefined, undefined) });
    }
    for (let i = 0; i < requests.length; i++) void this.request(requests[i]!, i).catch((cause: unknown) => this.reportInternal(cause));
  }

  /** The connectionParams message: signs in with its token, or refuses the connection. */
  private async start(data: string | Buffer): Promise<void> {
    try {
      let message: unknown;
      try {
        message = this.shared.encoder.decode(data);
        if (typeof message !== 'object' || message === null) throw new Error('Message was not an object');
      } catch (cause) {
        throw new TRPCError({ code: 'PARSE_ERROR', message: 'Malformed TRPCConnectionParamsMessage', cause });
      }
      const params = parseConnectionParamsFromUnknown((message as { data?: unknown }).data);
      // A present but invalid token refuses the connection rather than leaving it anonymous.
      const token = typeof params?.token === 'string' ? params.token : null;
      if (!token) return;
      // While the database is away the socket signs in on its next call instead (socket-sign-in.ts).
      await this.authenticate(token).catch((error: unknown) => {
        if (unavailableIfDatabaseDown(error) === error) throw error;
        this.signInLater(token);
      });
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      this.refused = error;
      this.shared.onError(error, 'unknown', undefined);
      this.respondOrReport({ id: null, error: this.errorShape(error, 'unknown', undefined, undefined) });
      // The refusal goes out first, then the close (as tRPC's adapter).
      setImmediate(closeSocket, this.socket);
    }
  }

  /** Waits for a connectionParams sign-in under way; throws the refusal of a refused connection. */
  async started(): Promise<void> {
    if (this.pendingStart) await this.pendingStart;
    if (this.refused) throw this.refused;
  }

  private async request(message: TRPCClientOutgoingMessage, batchIndex: number): Promise<void> {
    const { id, jsonrpc } = message;
    if (id === null) {
      const error = new TRPCError({ code: 'PARSE_ERROR', message: '`id` is required' });
      this.shared.onError(error, 'unknown', undefined);
      return this.respond({ id, jsonrpc, error: this.errorShape(error, 'unknown', undefined, undefined) });
    }
    if (message.method === 'subscription.stop') return this.subscriptions?.get(id)?.stop();

    const { path, lastEventId } = message.params;
    let { input } = message.params;
    const type = message.method;
    // A resubscription names the last tracked id it got; the procedure reads it from its input.
    if (lastEventId !== undefined) {
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) input = { ...input, lastEventId };
      else input ??= { lastEventId };
    }

    if (type === 'subscription') {
      if (this.subscriptions?.has(id)) return this.respondWithError(id, jsonrpc, new TRPCError({ message: `Duplicate id ${id}`, code: 'BAD_REQUEST' }), type, path, input);
      const subscription = new Subscription(this, id, jsonrpc, path);
      (this.subscriptions ??= new Map()).set(id, subscription);
      return subscription.open(input, batchIndex);
    }

    try {
      await this.started();
      const result = await this.call(type, path, input, batchIndex, this.closed);
      if (isIterable(result)) {
        throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `Cannot return an async iterable or observable from a ${type} procedure with WebSockets` });
      }
      this.respond({ id, jsonrpc, result: { type: 'data', data: result } });
    } catch (cause) {
      this.respondWithError(id, jsonrpc, cause, type, path, input);
    }
  }

  /** `send`: a subscription's sink (Context.send). */
  call(type: TRPCProcedureType, path: string, input: unknown, batchIndex: number, signal: AbortSignal, send?: Context['send']): Promise<unknown> {
    return callTRPCProcedure({ router: this.shared.router, path, getRawInput: () => Promise.resolve(input), ctx: this.context(send), type, signal, batchIndex });
  }

  /** Shutdown: any close code, whatever the sign-in. */
  closeWith(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  sendRaw(frame: string): void {
    this.socket.send(frame);
  }

  get open(): boolean {
    return this.socket.readyState === WEBSOCKET_OPEN;
  }

  /** Replies are dropped once closing started (as tRPC's adapter). */
  respond(message: TRPCResponseMessage): void {
    if (this.socket.readyState !== WEBSOCKET_OPEN) return;
    const config = this.shared.router._def._config;
    this.socket.send(this.shared.encoder.encode(outputIsPlain(config) ? message : transformTRPCResponse(config, message)));
  }

  /** A subscription's tracked value, as `respond` would send it (the frame written directly when it can be). */
  respondTracked(id: RequestId, jsonrpc: '2.0' | undefined, trackedId: string, data: unknown): void {
    if (this.socket.readyState !== WEBSOCKET_OPEN) return;
    if (!outputIsPlain(this.shared.router._def._config)) return this.respond({ id, jsonrpc, result: { type: 'data', data: { id: trackedId, data }, id: trackedId } });
    this.socket.send(this.shared.encoder.trackedFrame(id, jsonrpc, trackedId, data));
  }

  /** Reports the error, and answers the call with its shape (or the fallback, if that cannot be sent). */
  respondWithError(id: RequestId, jsonrpc: '2.0' | undefined, cause: unknown, type: CallType, path: string | undefined, input: unknown): void {
    const error = this.report(cause, type, path);
    try {
      this.respond({ id, jsonrpc, error: this.errorShape(error, type, path, input) });
    } catch (failure) {
      this.reportInternal(failure);
      this.respondOrReport({ id, jsonrpc, error: fallbackErrorShape });
    }
  }

  report(cause: unknown, type: CallType, path: string | undefined): TRPCError {
    const error = getTRPCErrorFromUnknown(cause);
    this.shared.onError(error, type, path);
    return error;
  }

  /** A failure of the error handling itself (a formatter that throws, a reply that cannot be encoded). */
  reportInternal(cause: unknown): void {
    this.shared.onError(getTRPCErrorFromUnknown(cause), 'unknown', undefined);
  }

  private errorShape(error: TRPCError, type: CallType, path: string | undefined, input: unknown): TRPCErrorShape {
    try {
      return getErrorShape({ config: this.shared.router._def._config, error, type, path, input, ctx: undefined });
    } catch (cause) {
      this.reportInternal(cause);
      return fallbackErrorShape;
    }
  }

  private respondOrReport(message: TRPCResponseMessage): void {
    try {
      this.respond(message);
    } catch (cause) {
      this.reportInternal(cause);
      try {
        this.respond({ id: message.id, jsonrpc: message.jsonrpc, error: fallbackErrorShape });
      } catch {
        // the same failure, reported above
      }
    }
  }

  forget(subscription: Subscription): void {
    if (this.subscriptions?.get(subscription.id) === subscription) this.subscriptions.delete(subscription.id);
  }

  /** The socket closed: its subscriptions stop, its waiting calls give up, its sign-in ends. */
  socketClosed(): void {
    this.signInEnded();
    this.shared.sockets.delete(this);
    if (this.subscriptions) for (const subscription of this.subscriptions.values()) subscription.stop();
    this.gone?.abort();
    this.shared.onClosed(this);
  }
}

/**
 * One subscription on a socket. Its iterator is pulled by `then` callbacks bound once (no async
 * frame and no closure per event): each value becomes a `data` frame, and `stop` (the client's
 * subscription.stop, or the socket closing) aborts the procedure's signal and returns the
 * iterator without waiting for the value it was waiting for, as tRPC's race does.
 */
class Subscription {
  private readonly controller = new AbortController();
  private iterator: AsyncIterator<unknown> | null = null;
  /** Set once the subscription is ending (stopped, failed or done): later steps are ignored. */
  private ending = false;
  private readonly onStep = this.step.bind(this);
  private readonly onFail = this.fail.bind(this);
  /** The procedure's sink (Context.send): a value sent at once, as a yielded one would be. */
  private readonly sink = this.deliver.bind(this);

  constructor(
    private readonly socket: TrpcSocket,
    readonly id: RequestId,
    private readonly jsonrpc: '2.0' | undefined,
    private readonly path: string,
  ) {}

  async open(input: unknown, batchIndex: number): Promise<void> {
    const { socket, controller } = this;
    const signal = controller.signal;
    let iterable: AsyncIterable<unknown>;
    try {
      await socket.started();
      if (signal.aborted || !socket.open) return this.ended();
      const result = await socket.call('subscription', this.path, input, batchIndex, signal, this.sink);
      if (!isIterable(result)) throw new TRPCError({ message: `Subscription ${this.path} did not return an observable or a AsyncGenerator`, code: 'INTERNAL_SERVER_ERROR' });
      if (isObservable(result)) {
        // Converting subscribes at once: a socket already closing leaves a late observable untouched.
        if (signal.aborted || !socket.open) return this.ended();
        iterable = observableToAsyncIterable(result, signal);
      } else {
        iterable = result;
      }
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      // A setup that gave up because the subscription was stopped is no error (tRPC's isCancelledSetup).
      if (signal.aborted && error.code === 'INTERNAL_SERVER_ERROR' && isAbortError(error.cause)) return this.ended();
      this.socket.forget(this);
      this.ending = true;
      this.controller.abort();
      return this.socket.respondWithError(this.id, this.jsonrpc, error, 'subscription', this.path, input);
    }
    this.iterator = iterable[Symbol.asyncIterator]();
    if (signal.aborted || !socket.open) {
      // Stopped during setup: dispose of the iterator without consuming it.
      this.controller.abort();
      return this.finish(null);
    }
    socket.respond({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'started' } });
    this.pull();
  }

  stop(): void {
    if (this.ending) {
      if (!this.controller.signal.aborted) this.controller.abort();
      return;
    }
    this.ending = true;
    this.controller.abort();
    // Still being set up: `open` sees the abort and ends it.
    if (this.iterator) void this.finish(null);
  }

  private pull(): void {
    this.iterator!.next().then(this.onStep, this.onFail);
  }

  private step(next: IteratorResult<unknown>): void {
    if (this.ending) return;
    if (next.done) {
      this.ending = true;
      return void this.finish(null);
    }
    this.deliver(next.value);
    this.pull();
  }

  /** One value as a `data` frame: each one the iterator yields, and each one handed to the sink. */
  private deliver(value: unknown): boolean {
    if (this.ending || !this.socket.open) return false;
    if (isTrackedEnvelope(value)) {
      const [trackedId, data] = value;
      this.socket.respondTracked(this.id, this.jsonrpc, String(trackedId), data);
    } else {
      this.socket.respond({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'data', data: value } });
    }
    return true;
  }

  private fail(cause: unknown): void {
    const error = getTRPCErrorFromUnknown(cause);
    if (this.ending) {
      // Failing after the stop: reported to the server only; an AbortError is how a stop ends.
      if (!isAbortError(error.cause)) this.socket.report(error, 'subscription', this.path);
      return;
    }
    this.ending = true;
    this.controller.abort();
    void this.finish(error);
  }

  /**
   * Returns the iterator (its `finally` blocks run: bus subscriptions, presence), then answers:
   * the error if it failed, and `stopped`, after which the client may reuse the id.
   */
  private async finish(error: TRPCError | null): Promise<void> {
    let disposal: unknown = null;
    try {
      await this.iterator?.return?.();
    } catch (cause) {
      disposal = cause ?? new Error('iterator cleanup failed');
    }
    if (error) {
      // The client gets the iteration's error; a failed cleanup is the server's alone.
      this.socket.respondWithError(this.id, this.jsonrpc, error, 'subscription', this.path, undefined);
    }
    if (disposal !== null) this.socket.report(disposal, 'subscription', this.path);
    this.ended();
  }

  /** The id is free again, and the client is told so. */
  private ended(): void {
    this.ending = true;
    this.socket.forget(this);
    this.socket.respond({ id: this.id, jsonrpc: this.jsonrpc, result: { type: 'stopped' } });
  }
}

const plainOutput = new WeakMap<object, boolean>();
/** Whether the router's output transformer leaves data as it is (tRPC's default): frames need no transforming then. */
function outputIsPlain(config: AnyTRPCRouter['_def']['_config']): boolean {
  let plain = plainOutput.get(config);
  if (plain === undefined) {
    const probe = {};
    plain = config.transformer.output.serialize(probe) === probe;
    plainOutput.set(config, plain);
  }
  return plain;
}

function isIterable(value: unknown): value is AsyncIterable<unknown> | Parameters<typeof observableToAsyncIterable>[0] {
  return isObservable(value) || (typeof value === 'object' && value !== null && Symbol.asyncIterator in value);
}

function isAbortError(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && (cause as { name?: unknown }).name === 'AbortError';
}

function closeSocket(socket: WebSocket): void {
  socket.close();
}

// Listeners shared by every socket: `this` is the socket, its connection is on it.
function onMessage(this: Carrier, data: RawData, isBinary: boolean): void {
  this[kConnection]?.received(data, isBinary);
}
function onPong(this: Carrier): void {
  const connection = this[kConnection];
  if (connection) heard(connection);
}
function onSocketError(this: Carrier, cause: Error): void {
  // Handled, else a bad frame ("RSV2 and RSV3 must be clear") would crash the process.
  this[kConnection]?.reportInternal(cause);
}
function onClose(this: Carrier): void {
  this[kConnection]?.socketClosed();
}

/** Tells every open socket to reconnect (to another process) before this one stops. */
export function broadcastReconnect(sockets: Iterable<TrpcSocket>, encoder: WsEncoder): void {
  const notice = encoder.encode({ id: null, method: 'reconnect' });
  for (const socket of sockets) if (socket.open) socket.sendRaw(notice);
}
