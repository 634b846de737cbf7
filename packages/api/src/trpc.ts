import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.js';
import { fail, retryAfterOf } from './errors.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zodIssues = error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : undefined;
    return {
      ...shape,
      // Internal failures say nothing about their cause.
      message: error.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side' : shape.message,
      data: { ...shape.data, stack: undefined, retryAfterSeconds: retryAfterOf(error), issues: zodIssues },
    };
  },
});

export const router = t.router;
export const middleware = t.middleware;
export const publicProcedure = t.procedure;

/** Narrows ctx.user to a signed-in user; every non-auth procedure builds on this. */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw fail.unauthorized();
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export type AuthedContext = Context & { user: NonNullable<Context['user']> };
