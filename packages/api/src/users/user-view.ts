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
