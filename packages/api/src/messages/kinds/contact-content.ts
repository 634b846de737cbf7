import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { loadLiveUser } from '../../users/users.repo.js';
import type { contactCardInput } from '../send-input.js';

/** A contact card; a named Confab account must exist (NOT_FOUND otherwise), so cards can link to chats. */
export async function contactMeta(db: Kysely<Database>, card: z.infer<typeof contactCardInput>) {
  if (card.userId) await loadLiveUser(db, card.userId);
  return { contact: { name: card.name, phones: card.phones, userId: card.userId ?? null } };
}
