import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';

/** Remembers when a member's delivered/read mark reached a seq, for per-message receipts. */
export async function recordReceiptMark(trx: Transaction<Database>, mark: { chatId: string; userId: string; kind: 'delivered' | 'read'; seq: number; at: Date }): Promise<void> {
  await trx.insertInto('receiptMarks').values(mark).execute();
}
