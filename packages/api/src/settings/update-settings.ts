import { z } from 'zod';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { storyPrivacyColumns, storyPrivacyInput } from '../stories/story-privacy.js';
import { emitProfileChanged } from '../me/profile-events.js';
import { presenceAudience } from '../presence/announce.js';
import { tellLastSeenAudienceChange } from '../presence/last-seen-audience.js';
import { AUDIENCES, MESSAGE_ME, THEMES, toSettingsView } from './settings.repo.js';

const audience = z.enum(AUDIENCES);

export const updateSettingsInput = z
  .object({
    theme: z.enum(THEMES).optional(),
    notifications: z
      .object({
        preview: z.boolean().optional(),
        sound: z.boolean().optional(),
        messages: z.boolean().optional(),
        groups: z.boolean().optional(),
        stories: z.boolean().optional(),
        reactions: z.boolean().optional(),
      })
      .strict()
      .optional(),
    privacy: z
      .object({ lastSeen: audience.optional(), profilePhoto: audience.optional(), about: audience.optional(), readReceipts: audience.optional(), groupAdd: audience.optional(), stories: storyPrivacyInput.optional(), messageMe: z.enum(MESSAGE_ME).optional() })
      .strict()
      .optional(),
  })
  .strict();

/** Changes only what is given; the caller's other devices hear `settings.updated`. */
export async function updateSettings(ctx: AuthedContext, input: z.infer<typeof updateSettingsInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  const changes = {
    ...(input.theme !== undefined ? { theme: input.theme } : {}),
    ...(input.notifications?.preview !== undefined ? { notificationPreview: input.notifications.preview } : {}),
    ...(input.notifications?.sound !== undefined ? { notificationSound: input.notifications.sound } : {}),
    ...(input.notifications?.messages !== undefined ? { notifyMessages: input.notifications.messages } : {}),
    ...(input.notifications?.groups !== undefined ? { notifyGroups: input.notifications.groups } : {}),
    ...(input.notifications?.stories !== undefined ? { notifyStories: input.notifications.stories } : {}),
    ...(input.notifications?.reactions !== undefined ? { notifyReactions: input.notifications.reactions } : {}),
    ...withoutStories(input.privacy),
    ...(input.privacy?.stories !== undefined ? storyPrivacyColumns(input.privacy.stories) : {}),
    updatedAt: now,
  };
  const { settings, lastSeenAudience } = await transact(deps, async (trx, emit) => {
    const lastSeenBefore = input.privacy?.lastSeen !== undefined ? await presenceAudience(trx, me) : null;
    const row = await trx
      .insertInto('userSettings')
      .values({ userId: me, ...changes })
      .onConflict((oc) => oc.column('userId').doUpdateSet(changes))
      .returningAll()
      .executeTakeFirstOrThrow();
    const settings = toSettingsView(row);
    emit([me], { type: 'settings.updated', settings });
    // Who may see my photo or about changed: the people showing them get the profile as they may now see it.
    if (input.privacy?.profilePhoto !== undefined || input.privacy?.about !== undefined) {
      const user = await trx.selectFrom('users').selectAll().where('id', '=', me).executeTakeFirstOrThrow();
      await emitProfileChanged(trx, emit, user);
    }
    const lastSeenAudience = lastSeenBefore ? { before: lastSeenBefore, after: await presenceAudience(trx, me) } : null;
    return { settings, lastSeenAudience };
  });
  // Presence is ephemeral, so the people whose view of my last seen changed hear it after the commit.
  if (lastSeenAudience) {
    const { before, after } = lastSeenAudience;
    await tellLastSeenAudienceChange(deps, me, before, after).catch((error: unknown) => deps.log.warn({ err: error }, 'last-seen change not announced'));
  }
  return settings;
}

function withoutStories<T extends { stories?: unknown }>(privacy: T | undefined): Omit<T, 'stories'> | Record<string, never> {
  if (!privacy) return {};
  const { stories: _stories, ...rest } = privacy;
  return rest;
}
