import type { User } from '@confab/db';
import { toUserView, type UserView } from '../users/user-view.js';

export interface MeView extends UserView {
  createdAt: string;
}

export function toMeView(user: User): MeView {
  return { ...toUserView(user), createdAt: new Date(user.createdAt).toISOString() };
}
