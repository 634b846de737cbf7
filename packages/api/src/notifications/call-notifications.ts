import type { Call, Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { Emit } from '../lib/transact.js';
import { notify } from './notify.js';

/** A missed call's entry is keyed by its call, so its view can say voice or video (notification-view.ts). */
export const missedCallKey = (callId: string): string => `call:${callId}`;
export const callIdOfKey = (groupKey: string | null): string | null => (groupKey?.startsWith('call:') ? groupKey.slice('call:'.length) : null);

/**
 * Whoever was still ringing when their ring ended (the ring timed out, the caller gave up, or a
 * group call ended before they answered) gets "Missed voice call from Ana". Unlike `call.*` it is
 * stored, so a device that was offline finds it later; the one-to-one or group switch of their
 * notification settings governs it, as it does messages in that chat.
 */
export async function notifyMissedCall(trx: Transaction<Database>, emit: Emit, call: Call, userIds: readonly string[], group: boolean, now: Date): Promise<void> {
  for (const userId of userIds) {
    await notify(trx, emit, {
      userId,
      actorId: call.callerId,
      kind: 'missed.call',
      category: group ? 'groups' : 'messages',
      chatId: call.chatId,
      groupKey: missedCallKey(call.id),
      now,
    });
  }
}
