import { z } from 'zod';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { transact } from '../lib/transact.js';
import { id } from '../lib/schemas.js';
import type { AuthedContext } from '../trpc.js';
import { toDeviceView } from './device-view.js';

/** base64url without padding, as PushSubscription.toJSON() gives the keys. */
const base64url = (min: number, max: number) => z.string().regex(/^[A-Za-z0-9_-]+$/, 'Keys are base64url').min(min).max(max);

export const registerDeviceInput = z
  .object({
    kind: z.enum(['webpush', 'desktop']),
    name: z.string().trim().min(1).max(100),
    endpoint: z.url({ protocol: /^https$/, message: 'A push endpoint is an https URL' }).max(2000).optional(),
    keys: z
      .object({
        // An uncompressed P-256 point (65 bytes) and a 16-byte secret (RFC 8291).
        p256dh: base64url(86, 88),
        auth: base64url(22, 24),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === 'webpush' && (!d.endpoint || !d.keys)) ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'A Web Push device needs its subscription (endpoint and keys)' });
    if (d.kind === 'desktop' && (d.endpoint || d.keys)) ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'A desktop device has no push subscription' });
  });

export const deviceIdInput = z.object({ deviceId: id }).strict();

/**
 * Registers this session's device. A subscription registered again (the browser renewed it, or
 * another account signed in on that browser) moves to the caller's session; one session keeps
 * one device of each kind.
 */
export async function registerDevice(ctx: AuthedContext, input: z.infer<typeof registerDeviceInput>) {
  const { db, clock } = ctx.deps;
  const { id: me, sessionId } = ctx.user;
  if (input.endpoint && ctx.deps.push && !ctx.deps.push.acceptsEndpoint(input.endpoint)) throw fail.badRequest('That push endpoint is not a push service');
  if (input.kind === 'webpush' && !ctx.deps.push) throw fail.badRequest('This server does not send push notifications');
  const now = clock.now();
  const device = await db.transaction().execute(async (trx) => {
    if (input.endpoint) await trx.deleteFrom('devices').where('endpoint', '=', input.endpoint).execute();
    await trx.deleteFrom('devices').where('sessionId', '=', sessionId).where('kind', '=', input.kind).execute();
    return trx
      .insertInto('devices')
      .values({ id: newId(), userId: me, sessionId, kind: input.kind, name: input.name, endpoint: input.endpoint ?? null, p256dh: input.keys?.p256dh ?? null, auth: input.keys?.auth ?? null, createdAt: now, lastPushAt: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return toDeviceView(device, sessionId);
}

export async function listDevices(ctx: AuthedContext) {
  const rows = await ctx.deps.db.selectFrom('devices').selectAll().where('userId', '=', ctx.user.id).orderBy('createdAt').execute();
  return { devices: rows.map((d) => toDeviceView(d, ctx.user.sessionId)) };
}

/** Stops notifications to one of my devices; anyone else's is NOT_FOUND. */
export async function removeDevice(ctx: AuthedContext, input: z.infer<typeof deviceIdInput>) {
  const me = ctx.user.id;
  return transact(ctx.deps, async (trx, emit) => {
    const removed = await trx.deleteFrom('devices').where('id', '=', input.deviceId).where('userId', '=', me).executeTakeFirst();
    if (removed.numDeletedRows === 0n) throw fail.notFound('Device');
    // A desktop app has no push subscription to lose: it hears this and stops its OS notifications.
    emit([me], { type: 'device.removed', deviceId: input.deviceId });
    return { ok: true as const };
  });
}

/** The server's VAPID public key, for PushManager.subscribe({ applicationServerKey }); null when push is off. */
export function vapidPublicKey(ctx: AuthedContext) {
  return { key: ctx.deps.push?.vapidPublicKey ?? null };
}
