import { sql } from 'kysely';
import { z } from 'zod';
import { loadMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { messageViews } from './messages.repo.js';
import { id } from '../lib/schemas.js';

export const searchInput = z
  .object({
    query: z.string().trim().min(1, 'Type something to search for').max(200),
    chatId: id.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .strict();

/** Where a page ended: newest first by time, then chat, then seq (exact order within a chat). */
interface Cursor {
  createdAt: string;
  chatId: string;
  seq: number;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.createdAt, c.chatId, c.seq])).toString('base64url');

function decodeCursor(value: string): Cursor {
  try {
    const [createdAt, chatId, seq] = JSON.parse(Buffer.from(value, 'base64url').toString()) as [string, string, number];
    if (typeof createdAt !== 'string' || typeof chatId !== 'string' || !Number.isInteger(seq) || Number.isNaN(Date.parse(createdAt))) throw new Error('bad cursor');
    return { createdAt, chatId, seq };
  } catch {
    throw fail.badRequest('cursor is not one this server gave out');
  }
}

/** Word prefixes for full-text search ("hel wor" finds "Hello, world"); only letters and digits reach to_tsquery. */
function prefixQuery(query: string): string | null {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 16).map((w) => `${w}:*`).join(' & ') : null;
}

const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Messages the caller can see whose text (or document name) matches, newest first, paged by
 * cursor. Full-text word prefixes, plus a substring match for scripts written without spaces
 * (Chinese, Japanese…) and for fragments inside words. Only each chat's visible window counts:
 * nothing before joining or clearing, after leaving, deleted, expired or hidden for the caller.
 */
export async function searchMessages(ctx: AuthedContext, input: z.infer<typeof searchInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  const now = clock.now();
  if (input.chatId) await loadMembership(db, input.chatId, me);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const tsQuery = prefixQuery(input.query);
  const pattern = likePattern(input.query);

  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('chatMembers as cm', (join) => join.onRef('cm.chatId', '=', 'm.chatId').on('cm.userId', '=', me))
    .selectAll('m')
    .$if(input.chatId !== undefined, (q) => q.where('m.chatId', '=', input.chatId!))
    .where(sql<boolean>`m.seq > greatest(cm.joined_seq, cm.cleared_seq)`)
    .where((eb) => eb.or([eb('cm.leftSeq', 'is', null), eb('m.seq', '<=', eb.ref('cm.leftSeq'))]))
    .where('m.deletedAt', 'is', null)
    .where('m.kind', '!=', 'system')
    .where((eb) => eb.or([eb('m.expiresAt', 'is', null), eb('m.expiresAt', '>', now)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('hiddenMessages as h').select('h.messageId').whereRef('h.messageId', '=', 'm.id').where('h.userId', '=', me))))
    .where((eb) =>
      eb.or([
        ...(tsQuery ? [sql<boolean>`to_tsvector('simple', coalesce(m.text, '')) @@ to_tsquery('simple', ${tsQuery})`] : []),
        sql<boolean>`m.text ilike ${pattern}`,
        sql<boolean>`(m.meta -> 'media' ->> 'fileName') ilike ${pattern}`,
      ]),
    )
    .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('m.createdAt', 'm.chatId', 'm.seq'), '<', eb.tuple(new Date(after!.createdAt), after!.chatId, after!.seq))))
    .orderBy('m.createdAt', 'desc')
    .orderBy('m.chatId', 'desc')
    .orderBy('m.seq', 'desc')
    .limit(input.limit + 1)
    .execute();

  const page = rows.slice(0, input.limit);
  const views = await messageViews(db, page, now);
  const last = page.at(-1);
  return {
    results: views.map((message) => ({ chatId: message.chatId, message })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ createdAt: new Date(last.createdAt).toISOString(), chatId: last.chatId, seq: last.seq }) : null,
  };
}
