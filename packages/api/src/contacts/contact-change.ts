import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { transact, type Emit, type Work } from '../lib/transact.js';
import { presenceAudience } from '../presence/announce.js';
import { tellLastSeenAudienceChange } from '../presence/last-seen-audience.js';
import { viewersAllowed } from '../settings/privacy.js';
import { redactProfile } from '../users/profile-privacy.js';
import { profileOf } from '../users/user-view.js';
import { profileAudience } from '../users/users.repo.js';

/** `owner` may add or remove `viewer` as a contact. */
export interface ContactChange {
  owner: string;
  viewer: string;
}

interface Sight {
  lastSeen: boolean;
  photo: boolean;
  about: boolean;
}

/**
 * Runs a change that may make or unmake contacts. Where the owner's privacy says "my
 * contacts", becoming (or no longer being) their contact changes what the other person may
 * see: photo, about and last seen. They see it change at once, as when the owner changes the
 * setting itself, not on their next fetch; when nothing they see changed, nobody is told.
 */
export async function transactContactChange<T>(deps: Deps, changes: readonly ContactChange[], work: Work<T>): Promise<T> {
  const { result, lastSeen } = await transact(deps, async (trx, emit) => {
    const before = await Promise.all(changes.map((change) => sightOf(trx, change)));
    const result = await work(trx, emit);
    const lastSeen: { change: ContactChange; before: boolean; after: boolean }[] = [];
    for (const [i, change] of changes.entries()) {
      const after = await sightOf(trx, change);
      if (after.photo !== before[i]!.photo || after.about !== before[i]!.about) await emitProfile(trx, emit, change, after);
      if (after.lastSeen !== before[i]!.lastSeen) lastSeen.push({ change, before: before[i]!.lastSeen, after: after.lastSeen });
    }
    return { result, lastSeen };
  });
  // Presence is ephemeral: told after the commit, and only to the one person whose view changed.
  for (const { change, before, after } of lastSeen) {
    const audience = (sees: boolean) => new Set(sees ? [change.viewer] : []);
    await tellLastSeenAudienceChange(deps, change.owner, audience(before), audience(after)).catch((error: unknown) => deps.log.warn({ err: error }, 'last-seen change not announced'));
  }
  return result;
}

async function sightOf(trx: Transaction<Database>, { owner, viewer }: ContactChange): Promise<Sight> {
  const [lastSeen, photo, about] = await Promise.all([presenceAudience(trx, owner), viewersAllowed(trx, owner, [viewer], 'profilePhoto'), viewersAllowed(trx, owner, [viewer], 'about')]);
  return { lastSeen: lastSeen.has(viewer), photo: photo.has(viewer), about: about.has(viewer) };
}

/** The owner's profile as the viewer may see it now, if the viewer shows it anywhere (a shared chat, their contacts). */
async function emitProfile(trx: Transaction<Database>, emit: Emit, { owner, viewer }: ContactChange, sight: Sight): Promise<void> {
  if (!(await profileAudience(trx, owner)).includes(viewer)) return;
  const user = await trx.selectFrom('users').selectAll().where('id', '=', owner).executeTakeFirstOrThrow();
  emit([viewer], { type: 'user.updated', user: redactProfile(profileOf(user), { photo: sight.photo, about: sight.about }) });
}
