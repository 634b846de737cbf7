import { z } from 'zod';
import { id } from '../lib/schemas.js';

export const chatIdOnly = z.object({ chatId: id }).strict();
export const chatAndUser = z.object({ chatId: id, userId: id }).strict();
export const groupName = z.string().trim().min(1, 'A group needs a name').max(100, 'Keep the name under 100 characters');
export const groupDescription = z.string().trim().max(512, 'Keep the description under 512 characters');
/** Distinct ids; a group is capped well above WhatsApp's 1,024 so a bench can fill one. */
export const userIds = (max: number) =>
  z
    .array(id)
    .max(max, `At most ${max} people at once`)
    .transform((ids) => [...new Set(ids)]);

export const MAX_GROUP_MEMBERS = 2048;
