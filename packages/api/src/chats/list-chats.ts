import { sql } from 'kysely';
import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { buildChatView } from './chat-summary.js';
import { loadMembership } from './membership.js';

export const listChatsInput = z
  .object({
    cursor: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(200).default(100),
    includeHidden: z.boolean().default(false),
  })
  .strict()
  .default({ limit: 100, includeHidden: false });

/**
 * The caller's chats: pinned ones first (the newest pin on top), then by most recent activity.
 * Hidden chats are left out until their "hide until" passes; archived ones are in the list,
 * marked (`archivedSeq`), for the client's "Archived" folder.
 */
export async function listChats(ctx: AuthedContext, input: z.infer<typeof listChatsInput>) {
  const { db, clock } = ctx.deps;
  const offset = input.cursor ?? 0;
  const now = clock.now();
  const rows = await db
    .selectFrom('chatMembers as m')
    .innerJoin('chats as c', 'c.id', 'm.chatId')
    .select(['m.chatId'])
    .where('m.userId', '=', ctx.user.id)
    .$if(!input.includeHidden, (q) => q.where((eb) => eb.or([eb('m.hidden', '=', false), eb('m.hiddenUntil', '<=', now)])))
    .orderBy(sql`m.pinned_at is null`)
    .orderBy('m.pinnedAt', 'desc')
    .orderBy('c.lastActivityAt', 'desc')
    .orderBy('c.id')
    .offset(offset)
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const chats = await Promise.all(page.map(async (r) => buildChatView(db, await loadMembership(db, r.chatId, ctx.user.id), now)));
  return { chats, nextCursor: rows.length > input.limit ? offset + input.limit : null };
}
