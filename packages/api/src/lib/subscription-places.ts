import type { Context } from '../context.js';
import { fail } from '../errors.js';

const open = new WeakMap<object, number>();

/**
 * A subscription that holds one of its WebSocket's places (WS_MAX_SUBSCRIPTIONS) while it runs:
 * each costs bus subscriptions and a presence slot, so one socket cannot open thousands. Past the
 * cap the new one fails with TOO_MANY_REQUESTS; the place is given back however it ends.
 */
export async function* holdingPlace<T, R>(ctx: Context, stream: () => AsyncGenerator<T, R>): AsyncGenerator<T, R> {
  const connection = ctx.connection;
  if (!connection) return yield* stream();
  const count = open.get(connection) ?? 0;
  if (count >= connection.maxSubscriptions) {
    throw fail.tooManyRequests(`A connection may hold at most ${connection.maxSubscriptions} subscriptions; close one first`, 1);
  }
  open.set(connection, count + 1);
  try {
    return yield* stream();
  } finally {
    open.set(connection, (open.get(connection) ?? 1) - 1);
  }
}
