import type { Database } from '@confab/db';
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { checkCode, WRONG_CODE } from '../auth/check-code.js';
import { CODE_TTL_SECONDS } from '../auth/limits.js';
import { sendCode } from '../auth/request-code.js';
import { endSession } from '../auth/revoke.js';
import { fail } from '../errors.js';
import { randomToken } from '../lib/ids.js';
import { transact, type Emit } from '../lib/transact.js';
import { deleteBlobIfUnused } from '../media/blob-lock.js';
import type { AuthedContext } from '../trpc.js';
import { loadLiveUser, profileAudience } from '../users/users.repo.js';
import { profileOf } from '../users/user-view.js';
import { lockUser } from '../lib/locks.js';

export const deleteAccountInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'The code has 6 digits') }).strict();

/** Sends a fresh one-time code to the caller's own number, to confirm deleting the account. */
export async function requestDeleteCode(ctx: AuthedContext) {
  const user = await loadLiveUser(ctx.deps.db, ctx.user.id);
  if (!user.phone) throw fail.notFound('User');
  await sendCode(ctx, user.phone);
  return { phone: user.phone, expiresInSeconds: CODE_TTL_SECONDS };
}

/**
 * Deletes the caller's account, once they confirm with the code `requestDeleteCode` sent. The row stays (soft delete) so messages others received keep
 * a sender, shown as "Deleted account"; everything personal goes: phone, name, about, photo,
 * QR code, contacts both ways, blocks both ways, the event stream, every session, and
 * uploads that no surviving message or group image uses. Memberships end, so nothing more can
 * be done in those chats in this account's name.
 */
export async function deleteAccount(ctx: AuthedContext, input: z.infer<typeof deleteAccountInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const phone = (await loadLiveUser(deps.db, me)).phone;
  if (!phone) throw fail.notFound('User');
  // FORBIDDEN, not UNAUTHORIZED: the caller is signed in, and apps refresh and retry on UNAUTHORIZED.
  await checkCode(ctx, phone, input.code, () => fail.forbidden(WRONG_CODE));
  const now = deps.clock.now();

  const freedBlobs = await transact(deps, async (trx, emit) => {
    const user = await lockUser(trx, me);
    if (!user || user.deletedAt !== null) throw fail.notFound('User');
    const audience = await profileAudience(trx, me);

    await leaveEveryChat(trx, emit, me, now);
    const deleted = await trx
      .updateTable('users')
      .set({ phone: null, name: '', about: '', avatarMediaId: null, qrToken: randomToken(18), deletedAt: now, lastSeenAt: null })
      .where('id', '=', me)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('contacts').where((eb) => eb.or([eb('ownerId', '=', me), eb('contactId', '=', me)])).execute();
    await trx.deleteFrom('blocks').where((eb) => eb.or([eb('blockerId', '=', me), eb('blockedId', '=', me)])).execute();
    await trx.deleteFrom('events').where('userId', '=', me).execute();
    await trx.deleteFrom('streamWindows').where('userId', '=', me).execute();
    const shas = await deleteUnsharedMedia(trx, me);

    emit(audience.filter((id) => id !== me), { type: 'user.updated', user: profileOf(deleted) });
    return shas;
  });

  const sessions = await deps.db.selectFrom('sessions').select('id').where('userId', '=', me).where('revokedAt', 'is', null).execute();
  for (const session of sessions) await endSession(deps, me, session.id, 'account deleted');

  for (const sha of freedBlobs) {
    await deleteBlobIfUnused(deps, sha).catch((error: unknown) => deps.log.warn({ err: error }, 'could not delete a media file'));
  }
  deps.log.info({ event: 'account.deleted', userId: me, mediaFilesFreed: freedBlobs.length }, 'account deleted');
  return { ok: true as const };
}

/** Ends every current membership at the chat's present seq and tells the other members. */
async function leaveEveryChat(trx: Transaction<Database>, emit: Emit, me: string, now: Date): Promise<void> {
  const left = await trx
    .updateTable('chatMembers as cm')
    .from('chats as c')
    .set({ leftSeq: sql`c.last_seq`, leftAt: now })
    .whereRef('c.id', '=', 'cm.chatId')
    .where('cm.userId', '=', me)
    .where('cm.leftSeq', 'is', null)
    .returning('cm.chatId')
    .execute();
  for (const { chatId } of left) {
    const others = await trx.selectFrom('chatMembers').select('userId').where('chatId', '=', chatId).where('leftSeq', 'is', null).execute();
    emit(others.map((o) => o.userId), { type: 'member.left', chatId, userId: me });
  }
}

/**
 * Removes the user's uploads unless a message others can still see (not deleted for everyone)
 * or a group image uses them; returns the blobs those rows pointed at.
 */
async function deleteUnsharedMedia(trx: Transaction<Database>, me: string): Promise<string[]> {
  const removed = await trx
    .deleteFrom('media')
    .where('ownerId', '=', me)
    .where((eb) =>
      eb.and([
        eb.not(eb.exists(eb.selectFrom('messages as m').select('m.id').whereRef('m.mediaId', '=', 'media.id').where('m.deletedAt', 'is', null))),
        eb.not(eb.exists(eb.selectFrom('chats as c').select('c.id').whereRef('c.avatarMediaId', '=', 'media.id'))),
      ]),
    )
    .returning(['sha256', 'thumbSha256'])
    .execute();
  return [...new Set(removed.flatMap((r) => [r.sha256, r.thumbSha256].filter((s): s is string => s !== null)))];
}
