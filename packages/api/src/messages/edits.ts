import { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { id } from '../lib/schemas.js';

export const editsInput = z.object({ messageId: id }).strict();

/** Every version of a message the caller wrote, oldest first, ending with the current text. */
export async function edits(ctx: AuthedContext, input: z.infer<typeof editsInput>) {
  const { db, clock } = ctx.deps;
  const { message } = await loadVisibleMessage(db, input.messageId, ctx.user.id, clock.now());
  if (message.senderId !== ctx.user.id) throw fail.forbidden('Only the author sees earlier versions of a message');
  const rows = await db.selectFrom('messageEdits').select(['previousText', 'editedAt']).where('messageId', '=', message.id).orderBy('editNo').execute();
  // Each edit row holds the text as it was before that edit; the first version dates from sending.
  const versions = rows.map((row, i) => ({ text: row.previousText, from: new Date(i === 0 ? message.createdAt : rows[i - 1]!.editedAt).toISOString(), until: new Date(row.editedAt).toISOString() }));
  return {
    messageId: message.id,
    current: message.deletedAt ? null : { text: message.text, from: new Date(message.editedAt ?? message.createdAt).toISOString() },
    previous: versions,
  };
}
