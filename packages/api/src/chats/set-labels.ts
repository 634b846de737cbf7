import { z } from 'zod';
import { labelList } from '../labels/label-schema.js';
import { id } from '../lib/schemas.js';
import type { AuthedContext } from '../trpc.js';
import { updateOwnMembership } from './member-settings.js';

export const setLabelsInput = z.object({ chatId: id, labels: labelList }).strict();

/** My personal labels on a chat (for the chat list's filters); nobody else sees them. */
export function setChatLabels(ctx: AuthedContext, input: z.infer<typeof setLabelsInput>) {
  return updateOwnMembership(ctx, input.chatId, () => ({ labels: JSON.stringify(input.labels) }));
}
