import type { Call } from '@confab/db';
import { insertMessage } from '../messages/insert-message.js';
import type { CallChange } from './call-change.js';

export type CallOutcome = 'completed' | 'missed' | 'declined';

/**
 * The call's line in the chat ("Video call, 3 min", "Missed voice call"), a `system` message in
 * the caller's name. Clients render from `meta.action === 'call'`; `text` is for the others.
 */
export async function postCallMessage({ trx, emit, now }: CallChange, call: Call, group: boolean): Promise<void> {
  const durationSeconds = call.answeredAt ? Math.max(0, Math.round((now.getTime() - new Date(call.answeredAt).getTime()) / 1000)) : 0;
  const outcome: CallOutcome = call.answeredAt ? 'completed' : call.endReason === 'declined' ? 'declined' : 'missed';
  await insertMessage(trx, emit, {
    chatId: call.chatId,
    senderId: call.callerId,
    clientId: `call:${call.id}`,
    content: {
      kind: 'system',
      text: callText(call.video, group, outcome, durationSeconds),
      mediaId: null,
      meta: { action: 'call', actorId: call.callerId, callId: call.id, video: call.video, group, outcome, durationSeconds },
    },
    replyToId: null,
    now,
    notice: true,
  });
}

export function callText(video: boolean, group: boolean, outcome: CallOutcome, durationSeconds: number): string {
  const kind = `${group ? 'group ' : ''}${video ? 'video' : 'voice'} call`;
  if (outcome === 'missed') return `Missed ${kind}`;
  if (outcome === 'declined') return `Declined ${kind}`;
  return `${kind[0]!.toUpperCase()}${kind.slice(1)}, ${formatDuration(durationSeconds)}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
