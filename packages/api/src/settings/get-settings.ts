import type { AuthedContext } from '../trpc.js';
import { loadSettings } from './settings.repo.js';

export async function getSettings(ctx: AuthedContext) {
  return loadSettings(ctx.deps.db, ctx.user.id);
}
