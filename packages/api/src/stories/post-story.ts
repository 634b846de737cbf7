import { z } from 'zod';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { loadOwnMedia } from '../media/media.repo.js';
import type { AuthedContext } from '../trpc.js';
import { storyAudience } from './stories.repo.js';
import { loadStoryPrivacy } from './story-privacy.js';
import { toStoryView } from './story-view.js';

/** A story lives this long after it is posted. */
export const STORY_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const STORY_TEXT_MAX = 700;
export const STORY_FONTS = ['sans', 'serif', 'mono', 'script', 'bold'] as const;

export const postStoryInput = z
  .object({
    kind: z.enum(['text', 'image', 'video']),
    /** A text story's text, or a photo/video's caption. */
    text: z.string().trim().max(STORY_TEXT_MAX, `Keep a status under ${STORY_TEXT_MAX} characters`).optional(),
    mediaId: id.optional(),
    background: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A background is a colour like #1f7a5c').optional(),
    font: z.enum(STORY_FONTS).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind === 'text' && !s.text) ctx.addIssue({ code: 'custom', path: ['text'], message: 'A text status needs text' });
    if (s.kind === 'text' && s.mediaId) ctx.addIssue({ code: 'custom', path: ['mediaId'], message: 'A text status has no attachment' });
    if (s.kind !== 'text' && !s.mediaId) ctx.addIssue({ code: 'custom', path: ['mediaId'], message: `A ${s.kind} status needs a ${s.kind}` });
  });

/** Posts a story to the author's story audience (as set now); they hear `story.new`. */
export async function postStory(ctx: AuthedContext, input: z.infer<typeof postStoryInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const media = input.mediaId ? await loadOwnMedia(deps.db, input.mediaId, me) : null;
  if (media && media.kind !== input.kind) throw fail.badRequest(`That upload is not a ${input.kind}`);
  const privacy = await loadStoryPrivacy(deps.db, me);
  const now = deps.clock.now();

  const story = await transact(deps, async (trx, emit) => {
    const stored = await trx
      .insertInto('stories')
      .values({
        id: newId(),
        authorId: me,
        kind: input.kind,
        text: input.text || null,
        mediaId: media?.id ?? null,
        background: input.kind === 'text' ? (input.background ?? '#1f7a5c') : null,
        font: input.kind === 'text' ? (input.font ?? 'sans') : null,
        audience: privacy.audience,
        audienceIds: privacy.audienceIds,
        createdAt: now,
        expiresAt: new Date(now.getTime() + STORY_LIFETIME_MS),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // A story's file stays while the story does, even if the upload was marked for collection.
    if (media) await trx.updateTable('media').set({ detachedAt: null }).where('id', '=', media.id).execute();
    const view = toStoryView(stored, media);
    emit([me, ...(await storyAudience(trx, stored.id, now))], { type: 'story.new', story: view });
    return view;
  });
  return story;
}
