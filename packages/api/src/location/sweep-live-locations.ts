import type { Deps } from '../deps.js';
import { transact } from '../lib/transact.js';
import { messagingSettings } from '../messages/messaging-settings.js';
import { republishShare } from './live-locations.repo.js';

const BATCH = 200;

/**
 * Ends live locations that ran out: each gets `endedAt` (its expiry) and its message a
 * `message.updated`, so every member's card stops moving and says it ended. Only the process
 * whose update claimed a row reports it, so several may run at once.
 */
export async function sweepExpiredLiveLocations(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db.selectFrom('liveLocations').select('id').where('endedAt', 'is', null).where('expiresAt', '<=', now).limit(BATCH).execute();
  let ended = 0;
  for (const { id } of due) {
    ended += await transact(deps, async (trx, emit) => {
      const share = await trx
        .updateTable('liveLocations')
        .set((eb) => ({ endedAt: eb.ref('expiresAt') }))
        .where('id', '=', id)
        .where('endedAt', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!share) return 0;
      await republishShare(trx, emit, share, null, messagingSettings(deps).mapTileUrlTemplate, now);
      return 1;
    });
  }
  return ended;
}
