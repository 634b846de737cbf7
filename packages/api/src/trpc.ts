import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.js';
import { fail, ResyncRequiredError, retryAfterOf, unavailableIfDatabaseDown } from './errors.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zodIssues = error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : undefined;
    return {
      ...shape,
      // Internal failures say nothing about their cause.
      message: error.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side' : shape.message,
      data: { ...shape.data, stack: undefined, retryAfterSeconds: retryAfterOf(error), issues: zodIssues, resync: error instanceof ResyncRequiredError ? true : undefined },
    };
  },
});

export const router = t.router;
export const middleware = t.middleware;

/**
 * Every query and mutation first takes a place from admission control (per process and per
 * client: a WebSocket, else an address), before its input is even parsed; past capacity it is
 * refused whole. Subscriptions are long-lived and cost nothing idle: not counted.
 */
const admitted = t.middleware(async ({ ctx, type, signal, next }) => {
  if (type === 'subscription' || !ctx.admission) return next();
  const release = await ctx.admission.enter(ctx.connection?.id ?? `ip:${ctx.ip}`, ctx.connection?.closed ?? signal);
  try {
    return await next();
  } finally {
    release();
  }
});

/**
 * A WebSocket's context is built once, when it connects; who is signed in on it is asked again
 * for every call, so an expired token or an ended session is refused on the next call.
 */
const socketUser = t.middleware(async ({ ctx, next }) => {
  const signIn = ctx.connection?.signIn;
  if (!signIn) return next();
  return next({ ctx: { user: await signIn.current() } });
});

/** A call that fails because the database is away answers SERVICE_UNAVAILABLE (errors.ts). */
const databaseUnavailable = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const error = unavailableIfDatabaseDown(result.error);
    if (error !== result.error) throw error;
  }
  return result;
});

export const publicProcedure = t.procedure.use(databaseUnavailable).use(admitted).use(socketUser);

/** Narrows ctx.user to a signed-in user; every non-auth procedure builds on this. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw fail.unauthorized();
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export type AuthedContext = Context & { user: NonNullable<Context['user']> };
