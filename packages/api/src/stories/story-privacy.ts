import type { Database, StoryAudience } from '@confab/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { id } from '../lib/schemas.js';

/** The `privacy.stories` setting: 'contacts', `{ except: [...] }` or `{ only: [...] }`. */
export type StoryPrivacy = 'contacts' | { except: string[] } | { only: string[] };

const ids = z.array(id).max(1000, 'Pick at most 1000 people').transform((list) => [...new Set(list)]);
export const storyPrivacyInput = z.union([z.literal('contacts'), z.object({ except: ids }).strict(), z.object({ only: ids }).strict()]);

export function toStoryPrivacy(audience: StoryAudience | undefined, audienceIds: unknown): StoryPrivacy {
  const list = (Array.isArray(audienceIds) ? audienceIds : typeof audienceIds === 'string' ? (JSON.parse(audienceIds) as unknown[]) : []) as string[];
  if (audience === 'except') return { except: list };
  if (audience === 'only') return { only: list };
  return 'contacts';
}

export function storyPrivacyColumns(privacy: StoryPrivacy): { storyAudience: StoryAudience; storyAudienceIds: string } {
  if (privacy === 'contacts') return { storyAudience: 'contacts', storyAudienceIds: '[]' };
  if ('except' in privacy) return { storyAudience: 'except', storyAudienceIds: JSON.stringify(privacy.except) };
  return { storyAudience: 'only', storyAudienceIds: JSON.stringify(privacy.only) };
}

export async function loadStoryPrivacy(db: Kysely<Database>, userId: string): Promise<{ audience: StoryAudience; audienceIds: string }> {
  const row = await db.selectFrom('userSettings').select(['storyAudience', 'storyAudienceIds']).where('userId', '=', userId).executeTakeFirst();
  const { storyAudience, storyAudienceIds } = storyPrivacyColumns(toStoryPrivacy(row?.storyAudience, row?.storyAudienceIds));
  return { audience: storyAudience, audienceIds: storyAudienceIds };
}
