import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { ownersAllowing } from '../settings/privacy.js';
import type { UserView } from './user-view.js';

type Profile = Pick<UserView, 'id' | 'about' | 'avatarMediaId'>;

/** Which of the owners' photo and about this viewer may see, per owner (the rule of `viewersAllowed`). */
export async function profileAllowances(db: Kysely<Database>, viewerId: string, ownerIds: readonly string[]): Promise<Map<string, { photo: boolean; about: boolean }>> {
  const owners = [...new Set(ownerIds)];
  const [photo, about] = await Promise.all([ownersAllowing(db, viewerId, owners, 'profilePhoto'), ownersAllowing(db, viewerId, owners, 'about')]);
  return new Map([...owners, viewerId].map((owner) => [owner, { photo: photo.has(owner) || owner === viewerId, about: about.has(owner) || owner === viewerId }]));
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

/** Items carrying someone's profile (a contact, a request, a lookup hit), each as this viewer may see it. */
export async function withVisibleUsers<T extends { user: Profile }>(db: Kysely<Database>, viewerId: string, items: readonly T[]): Promise<T[]> {
  const allowed = await profileAllowances(db, viewerId, items.map((item) => item.user.id));
  return items.map((item) => ({ ...item, user: redactProfile(item.user, allowed.get(item.user.id)) }));
}

export async function withVisibleUser<T extends { user: Profile }>(db: Kysely<Database>, viewerId: string, item: T): Promise<T> {
  return (await withVisibleUsers(db, viewerId, [item]))[0]!;
}
