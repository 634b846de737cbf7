import type { Database, User } from '@confab/db';
import type { Kysely } from 'kysely';
import type { Emit } from '../lib/transact.js';
import { viewersAllowed } from '../settings/privacy.js';
import { redactProfile } from '../users/profile-privacy.js';
import { profileOf } from '../users/user-view.js';
import { profileAudience } from '../users/users.repo.js';

/**
 * Tells the user's devices and everyone showing their name or photo that the profile changed,
 * each as the user's photo and about privacy settings let them see it (also sent when those
 * settings change, so a photo hidden from someone leaves their screen).
 */
export async function emitProfileChanged(trx: Kysely<Database>, emit: Emit, user: User): Promise<void> {
  const audience = await profileAudience(trx, user.id);
  const [photo, about] = await Promise.all([viewersAllowed(trx, user.id, audience, 'profilePhoto'), viewersAllowed(trx, user.id, audience, 'about')]);
  const groups = new Map<string, string[]>();
  for (const viewer of audience) {
    const key = `${photo.has(viewer) ? 1 : 0}${about.has(viewer) ? 1 : 0}`;
    groups.set(key, [...(groups.get(key) ?? []), viewer]);
  }
  for (const [key, viewers] of groups) {
    emit(viewers, { type: 'user.updated', user: redactProfile(profileOf(user), { photo: key[0] === '1', about: key[1] === '1' }) });
  }
}
