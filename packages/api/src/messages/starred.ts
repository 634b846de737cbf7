import { sql } from 'kysely';
import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import type { MessageView } from './message-view.js';
import { messageViews } from './messages.repo.js';

export const starredInput = z
  .object({
    cursor: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .default({ limit: 50 });

export interface StarredItem {
  message: MessageView;
  starredAt: string;
}

/**
 * My starred messages, newest star first, across my chats — only those I can still see: not
 * cleared, hidden, expired, deleted for everyone, or from after I left a group.
 */
export async function starredMessages(ctx: AuthedContext, input: z.infer<typeof starredInput>): Promise<{ items: StarredItem[]; nextCursor: number | null }> {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  const now = clock.now();
  const offset = input.cursor ?? 0;
  const rows = await db
    .selectFrom('starredMessages as s')
    .innerJoin('messages as m', 'm.id', 's.messageId')
    .innerJoin('chatMembers as cm', (join) => join.onRef('cm.chatId', '=', 'm.chatId').on('cm.userId', '=', me))
    .selectAll('m')
    .select('s.starredAt')
    .where('s.userId', '=', me)
    .where('m.deletedAt', 'is', null)
    .where(sql<boolean>`m.seq > greatest(cm.joined_seq, cm.cleared_seq)`)
    .where((eb) => eb.or([eb('cm.leftSeq', 'is', null), eb('m.seq', '<=', eb.ref('cm.leftSeq'))]))
    .where((eb) => eb.or([eb('m.expiresAt', 'is', null), eb('m.expiresAt', '>', now)]))
    .where('m.id', 'not in', db.selectFrom('hiddenMessages').select('messageId').where('userId', '=', me))
    .orderBy('s.starredAt', 'desc')
    // Starred within one clock tick: the newer message first.
    .orderBy('m.createdAt', 'desc')
    .orderBy('m.seq', 'desc')
    .orderBy('m.id')
    .offset(offset)
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const views = await messageViews(db, page, now);
  return {
    items: views.map((message, i) => ({ message, starredAt: new Date(page[i]!.starredAt).toISOString() })),
    nextCursor: rows.length > input.limit ? offset + input.limit : null,
  };
}
