import QRCode from 'qrcode';
import type { Deps } from '../deps.js';
import { fail } from '../errors.js';
import { randomToken } from '../lib/ids.js';
import type { AuthedContext } from '../trpc.js';
import { loadLiveUser } from '../users/users.repo.js';

/**
 * The caller's profile code: scanning it (users.byQr) adds them as a contact. It encodes a
 * link to this server, `${PUBLIC_URL}/qr/<token>`, so a phone camera can open it too.
 */
export async function qrCode(ctx: AuthedContext) {
  const user = await loadLiveUser(ctx.deps.db, ctx.user.id);
  return renderQr(ctx.deps, user.qrToken);
}

/** A new token; the old code stops resolving at once. */
export async function rotateQr(ctx: AuthedContext) {
  const token = randomToken(18);
  const updated = await ctx.deps.db
    .updateTable('users')
    .set({ qrToken: token })
    .where('id', '=', ctx.user.id)
    .where('deletedAt', 'is', null)
    .returning('qrToken')
    .executeTakeFirst();
  if (!updated) throw fail.notFound('User');
  return renderQr(ctx.deps, updated.qrToken);
}

export const qrUrl = (deps: Deps, token: string) => `${deps.publicUrl.replace(/\/+$/, '')}/qr/${token}`;

async function renderQr(deps: Deps, token: string) {
  const url = qrUrl(deps, token);
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { token, url, svg };
}
