import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { privacyOf } from '../settings/settings.repo.js';
import type { UserView } from './user-view.js';

type Profile = Pick<UserView, 'id' | 'about' | 'avatarMediaId'>;

/** Which of the owners' photo and about this viewer may see, per owner. */
export async function profileAllowances(db: Kysely<Database>, viewerId: string, ownerIds: readonly string[]): Promise<Map<string, { photo: boolean; about: boolean }>> {
  const others = [...new Set(ownerIds)].filter((id) => id !== viewerId);
  const result = new Map<string, { photo: boolean; about: boolean }>([[viewerId, { photo: true, about: true }]]);
  if (others.length === 0) return result;
  const [photo, about, contacts] = await Promise.all([
    privacyOf(db, others, 'profilePhoto'),
    privacyOf(db, others, 'about'),
    db.selectFrom('contacts').select('ownerId').where('ownerId', 'in', others).where('contactId', '=', viewerId).execute(),
  ]);
  const hasViewer = new Set(contacts.map((c) => c.ownerId));
  const lets = (audience: string | undefined, owner: string) => audience === 'everyone' || (audience === 'contacts' && hasViewer.has(owner));
  for (const owner of others) result.set(owner, { photo: lets(photo.get(owner), owner), about: lets(about.get(owner), owner) });
  return result;
}

/** A profile as this viewer may see it: photo and about blanked where its owner's settings say so. */
export function redactProfile<T extends Profile>(view: T, allowed: { photo: boolean; about: boolean } | undefined): T {
  if (!allowed || (allowed.photo && allowed.about)) return allowed ? view : { ...view, avatarMediaId: null, about: '' };
  return { ...view, avatarMediaId: allowed.photo ? view.avatarMediaId : null, about: allowed.about ? view.about : '' };
}

/** Several profiles as one viewer may see them. */
export async function visibleProfiles<T extends Profile>(db: Kysely<Database>, viewerId: string, views: readonly T[]): Promise<T[]> {
  const allowed = await profileAllowances(db, viewerId, views.map((v) => v.id));
  return views.map((v) => redactProfile(v, allowed.get(v.id)));
}

export async function visibleProfile<T extends Profile>(db: Kysely<Database>, viewerId: string, view: T): Promise<T> {
  return (await visibleProfiles(db, viewerId, [view]))[0]!;
}
