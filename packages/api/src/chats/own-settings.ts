import { z } from 'zod';
import { fail } from '../errors.js';
import { loadOwnMedia } from '../media/media.repo.js';
import type { AuthedContext } from '../trpc.js';
import { updateOwnMembership } from './member-settings.js';
import { id } from '../lib/schemas.js';

const chatId = id;

export const clearInput = z.object({ chatId }).strict();
export const hideInput = z
  .object({ chatId, hidden: z.boolean(), until: z.iso.datetime({ offset: true }).optional() })
  .strict()
  .refine((i) => i.hidden || i.until === undefined, { message: 'Only a hidden chat has an "until"' });
export const pinInput = z.object({ chatId, pinned: z.boolean() }).strict();
export const archiveInput = z.object({ chatId, archived: z.boolean() }).strict();

/** As in WhatsApp: three pinned chats at most. */
export const MAX_PINNED = 3;
export const muteInput = z.object({ chatId, until: z.iso.datetime({ offset: true }).nullable() }).strict();
export const setThemeInput = z.object({ chatId, theme: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'A theme is a short lower-case name').nullable() }).strict();
export const setBackgroundInput = z
  .object({
    chatId,
    /** One of the caller's image uploads. */
    mediaId: id.optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A color is #rrggbb').optional(),
  })
  .strict()
  .refine((i) => !(i.mediaId && i.color), { message: 'Pick an image or a color, not both' });

/** "Clear chat": everything up to now disappears for the caller only; others keep it all. */
export function clearChat(ctx: AuthedContext, input: z.infer<typeof clearInput>) {
  return updateOwnMembership(ctx, input.chatId, (member, newest) => ({ clearedSeq: newest, lastReadSeq: Math.max(member.lastReadSeq, newest) }));
}

/** Hidden chats leave chats.list until something new arrives in them, or until `until`. */
export function hideChat(ctx: AuthedContext, input: z.infer<typeof hideInput>) {
  const until = input.until ? new Date(input.until) : null;
  if (until && until <= ctx.deps.clock.now()) throw fail.badRequest('Hide until a time in the future');
  return updateOwnMembership(ctx, input.chatId, () => ({ hidden: input.hidden, hiddenUntil: input.hidden ? until : null }));
}

/** Pinned chats stay on top of the list, the newest pin first; an archived chat cannot be pinned. */
export async function pinChat(ctx: AuthedContext, input: z.infer<typeof pinInput>) {
  return updateOwnMembership(ctx, input.chatId, async (member, _newest, trx) => {
    if (!input.pinned) return { pinnedAt: null };
    if (member.pinnedAt) return {};
    const pinned = await trx
      .selectFrom('chatMembers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', member.userId)
      .where('pinnedAt', 'is not', null)
      .executeTakeFirstOrThrow();
    if (Number(pinned.n) >= MAX_PINNED) throw fail.badRequest(`You can pin up to ${MAX_PINNED} chats. Unpin one first.`);
    return { pinnedAt: ctx.deps.clock.now(), archivedSeq: null };
  });
}

/** Archived chats leave the main list until a new message arrives (muted ones stay); archiving unpins. */
export function archiveChat(ctx: AuthedContext, input: z.infer<typeof archiveInput>) {
  return updateOwnMembership(ctx, input.chatId, (_member, newest) => (input.archived ? { archivedSeq: newest, pinnedAt: null } : { archivedSeq: null }));
}

/** No notifications until `until` (or for good, with a far date); null unmutes. */
export function muteChat(ctx: AuthedContext, input: z.infer<typeof muteInput>) {
  const until = input.until === null ? null : new Date(input.until);
  if (until && until <= ctx.deps.clock.now()) throw fail.badRequest('Mute until a time in the future, or pass null to unmute');
  return updateOwnMembership(ctx, input.chatId, () => ({ mutedUntil: until }));
}

export function setChatTheme(ctx: AuthedContext, input: z.infer<typeof setThemeInput>) {
  return updateOwnMembership(ctx, input.chatId, () => ({ theme: input.theme }));
}

/** The caller's wallpaper for a chat: a color, an image of theirs, or nothing. */
export async function setChatBackground(ctx: AuthedContext, input: z.infer<typeof setBackgroundInput>) {
  let background: string | null = null;
  if (input.color) background = input.color.toLowerCase();
  if (input.mediaId) {
    const media = await loadOwnMedia(ctx.deps.db, input.mediaId, ctx.user.id);
    if (media.kind !== 'image') throw fail.badRequest('A chat background must be an image');
    background = `media:${media.id}`;
  }
  return updateOwnMembership(ctx, input.chatId, () => ({ background }));
}
