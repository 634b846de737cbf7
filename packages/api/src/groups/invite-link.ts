import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { randomToken } from '../lib/ids.js';
import type { AuthedContext } from '../trpc.js';
import { assertKnowsChat, lockGroup, requireAdmin, requirePermission } from './group-access.js';
import type { chatIdOnly } from './group-inputs.js';

/** 24 random bytes: 192 bits, far past guessing (the brief asks for at least 128). */
const CODE_BYTES = 24;

export const inviteCode = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not an invite code');

const urlOf = (publicUrl: string, code: string) => `${publicUrl}/join/${code}`;

/**
 * The group's active invite link, made on first request. Admins may always get it; everyone
 * may when the group lets all members add people.
 */
export async function inviteLink(ctx: AuthedContext, input: z.infer<typeof chatIdOnly>) {
  const { deps } = ctx;
  await assertKnowsChat(ctx, input.chatId);
  const code = await deps.db.transaction().execute(async (trx) => {
    const { chat, me } = await lockGroup(trx, input.chatId, ctx.user.id);
    requirePermission(chat.addMembersPermission, me, 'share the invite link');
    const existing = await activeCode(trx, chat.id);
    if (existing) return existing;
    const created = randomToken(CODE_BYTES);
    await trx.insertInto('groupInviteLinks').values({ code: created, chatId: chat.id, createdBy: ctx.user.id, createdAt: deps.clock.now(), revokedAt: null }).execute();
    return created;
  });
  return { code, url: urlOf(deps.publicUrl, code) };
}

/** An admin revokes the link: its code stops working at once; the next inviteLink makes a new one. */
export async function revokeInviteLink(ctx: AuthedContext, input: z.infer<typeof chatIdOnly>) {
  const { deps } = ctx;
  await assertKnowsChat(ctx, input.chatId);
  const revoked = await deps.db.transaction().execute(async (trx) => {
    const { chat, me } = await lockGroup(trx, input.chatId, ctx.user.id);
    requireAdmin(me, 'reset the invite link');
    const result = await trx.updateTable('groupInviteLinks').set({ revokedAt: deps.clock.now() }).where('chatId', '=', chat.id).where('revokedAt', 'is', null).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  });
  return { revoked };
}

async function activeCode(db: Kysely<Database>, chatId: string): Promise<string | undefined> {
  const row = await db.selectFrom('groupInviteLinks').select('code').where('chatId', '=', chatId).where('revokedAt', 'is', null).executeTakeFirst();
  return row?.code;
}

/** The group an active code leads to, or undefined for unknown, revoked or deleted-group codes. */
export async function groupOfCode(db: Kysely<Database>, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('groupInviteLinks as l')
    .innerJoin('chats as c', 'c.id', 'l.chatId')
    .select('l.chatId')
    .where('l.code', '=', code)
    .where('l.revokedAt', 'is', null)
    .where('c.deletedAt', 'is', null)
    .executeTakeFirst();
  return row?.chatId;
}
