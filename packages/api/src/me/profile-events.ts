import type { Database, User } from '@confab/db';
import type { Transaction } from 'kysely';
import type { Emit } from '../lib/transact.js';
import { profileOf } from '../users/user-view.js';
import { profileAudience } from '../users/users.repo.js';

/** Tells the user's devices and everyone showing their name or photo that the profile changed. */
export async function emitProfileChanged(trx: Transaction<Database>, emit: Emit, user: User): Promise<void> {
  emit(await profileAudience(trx, user.id), { type: 'user.updated', user: profileOf(user) });
}
