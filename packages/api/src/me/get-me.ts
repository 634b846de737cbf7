import type { AuthedContext } from '../trpc.js';
import { loadLiveUser } from '../users/users.repo.js';
import { toMeView } from './me-view.js';

export async function getMe(ctx: AuthedContext) {
  return toMeView(await loadLiveUser(ctx.deps.db, ctx.user.id));
}
