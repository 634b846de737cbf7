import type { MessageKind } from '@confab/db';
import { z } from 'zod';
import { messageViews } from '../messages/messages.repo.js';
import type { AuthedContext } from '../trpc.js';
import { loadMembership, visibleRange } from './membership.js';
import { id } from '../lib/schemas.js';

const GALLERY_KINDS: Record<'image' | 'video' | 'document' | 'link', MessageKind[]> = {
  image: ['image'],
  video: ['video'],
  document: ['document'],
  link: ['link'],
};

export const chatMediaInput = z
  .object({
    chatId: id,
    kind: z.enum(['image', 'video', 'document', 'link']).optional(),
    /** The `nextCursor` of the previous page. */
    cursor: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .strict();

/**
 * The chat-info gallery: shared images, videos, documents and links, newest first, paged.
 * Only what the caller may see: their window of the chat, nothing deleted, expired or hidden.
 */
export async function chatMedia(ctx: AuthedContext, input: z.infer<typeof chatMediaInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  const { member } = await loadMembership(db, input.chatId, me);
  const { after, upTo } = visibleRange(member);
  const now = clock.now();
  const kinds = input.kind ? GALLERY_KINDS[input.kind] : Object.values(GALLERY_KINDS).flat();

  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('chatId', '=', input.chatId)
    .where('kind', 'in', kinds)
    .where('seq', '>', after)
    .$if(upTo !== null, (q) => q.where('seq', '<=', upTo!))
    .$if(input.cursor !== undefined, (q) => q.where('seq', '<', input.cursor!))
    .where('deletedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .where('id', 'not in', db.selectFrom('hiddenMessages').select('messageId').where('userId', '=', me))
    .orderBy('seq', 'desc')
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  return { items: await messageViews(db, page, now), nextCursor: rows.length > input.limit ? page.at(-1)!.seq : null };
}
