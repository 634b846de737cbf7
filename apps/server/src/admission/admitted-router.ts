import { fail, type Context } from '@confab/api';
import { TRPCError, type AnyProcedure, type AnyRouter } from '@trpc/server';
import { AdmissionAbandoned, AdmissionRefused, type AdmissionGate } from './admission-gate.js';

/**
 * Who a call is counted against. A WebSocket's context is built once for the connection, so
 * the socket is the client; an HTTP context is built per request, so there the client is its
 * IP address (behind TRUSTED_PROXIES, the address they forwarded).
 */
interface Connection {
  key: string;
  /** Aborts when the socket closes: its waiting calls give up their places. */
  closed: AbortSignal;
}
const connectionsByContext = new WeakMap<object, Connection>();
let connections = 0;

/** Marks a WebSocket connection's context, so its calls count against that socket alone. */
export function countPerConnection<TContext extends Context>(ctx: TContext, socket: { once(event: 'close', listener: () => void): unknown }): TContext {
  connections += 1;
  const closed = new AbortController();
  socket.once('close', () => closed.abort());
  connectionsByContext.set(ctx, { key: `ws#${connections}`, closed: closed.signal });
  return ctx;
}

/**
 * Who the call counts against, and what tells that it went away: the tRPC WebSocket adapter
 * aborts a query's or mutation's signal only for subscriptions, so a socket's own close is used.
 */
function callerOf(ctx: Context | undefined, signal: AbortSignal | undefined): { client: string; gone: AbortSignal | undefined } {
  const connection = ctx ? connectionsByContext.get(ctx) : undefined;
  if (connection) return { client: connection.key, gone: connection.closed };
  return { client: ctx ? `ip:${ctx.ip}` : 'unknown', gone: signal };
}

/**
 * The same router with every query and mutation passing through the gate first, over HTTP and
 * WebSocket alike (both adapters look procedures up in `_def.procedures`). Subscriptions are
 * long-lived and cost nothing while idle, so they are not counted. A refused call never reaches
 * its handler: it is refused whole, never half-done.
 */
export function withAdmission<TRouter extends AnyRouter>(router: TRouter, gate: AdmissionGate): TRouter {
  if (Object.keys(router._def.lazy).length > 0) throw new Error('withAdmission: lazy routers are not supported (their procedures load after wrapping)');
  const procedures: Record<string, AnyProcedure> = {};
  for (const [path, procedure] of Object.entries(router._def.procedures as Record<string, AnyProcedure>)) {
    procedures[path] = procedure._def.type === 'subscription' ? procedure : admitted(procedure, gate);
  }
  return { ...router, _def: { ...router._def, procedures } };
}

function admitted(procedure: AnyProcedure, gate: AdmissionGate): AnyProcedure {
  const call = async (opts: Parameters<AnyProcedure>[0]) => {
    const caller = callerOf(opts.ctx as Context | undefined, opts.signal);
    const release = await gate.enter(caller.client, caller.gone).catch((error: unknown) => {
      if (error instanceof AdmissionRefused) throw refusal(error);
      // Nobody is left to answer; not a server failure, so not logged as one.
      if (error instanceof AdmissionAbandoned) throw new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'The caller went away while waiting' });
      throw error;
    });
    try {
      return await procedure(opts);
    } finally {
      release();
    }
  };
  return Object.assign(call, { _def: procedure._def, procedure: true, meta: procedure.meta }) as unknown as AnyProcedure;
}

/**
 * TOO_MANY_REQUESTS with `retryAfterSeconds`, the shape clients already honour for rate limits.
 * The wait is spread over 1–3 s so clients refused together do not all come back together.
 */
function refusal(refused: AdmissionRefused) {
  const retryAfterSeconds = 1 + Math.floor(Math.random() * 3);
  return refused.reason === 'client_busy'
    ? fail.tooManyRequests('Too many requests at once from this connection; try again in a moment', retryAfterSeconds)
    : fail.tooManyRequests('The server is busy; try again in a moment', retryAfterSeconds);
}
