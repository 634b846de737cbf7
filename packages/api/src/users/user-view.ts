import type { User } from '@confab/db';

export interface UserView {
  id: string;
  phone: string | null;
  name: string;
  about: string;
  avatarMediaId: string | null;
  deleted: boolean;
}

export function toUserView(user: User): UserView {
  const deleted = user.deletedAt !== null;
  return {
    id: user.id,
    phone: deleted ? null : user.phone,
    name: deleted ? 'Deleted account' : user.name,
    about: deleted ? '' : user.about,
    avatarMediaId: deleted ? null : user.avatarMediaId,
    deleted,
  };
}

/** For callers with no tie to the user: everything but the phone number. */
export function withoutPhone(view: UserView): UserView {
  return { ...view, phone: null };
}

/** The part of a profile carried by `user.updated` events. */
export function profileOf(user: User): { id: string; name: string; about: string; avatarMediaId: string | null } {
  const { id, name, about, avatarMediaId } = toUserView(user);
  return { id, name, about, avatarMediaId };
}
