import type { Call, CallEndReason, CallParticipant, CallParticipantState, CallState } from '@confab/db';

/** A call as its parties see it. Someone whose call was blocked is left out, so nobody learns of it. */
export interface CallView {
  id: string;
  chatId: string;
  callerId: string;
  video: boolean;
  /** A group chat's call: others may join while it lasts. */
  group: boolean;
  state: CallState;
  endReason: CallEndReason | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** In the order they joined (ties by id; not yet joined last): of each pair, the earlier one offers. */
  participants: { userId: string; state: Exclude<CallParticipantState, 'blocked'> }[];
}

/** An offer, answer or ICE candidate on its way from one party's device to another's; never stored. */
export interface CallSignal {
  callId: string;
  fromUserId: string;
  description?: { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp?: string };
  candidate?: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null };
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toCallView(call: Call, participants: readonly CallParticipant[], group: boolean): CallView {
  return {
    id: call.id,
    chatId: call.chatId,
    callerId: call.callerId,
    video: call.video,
    group,
    state: call.state,
    endReason: call.endReason,
    startedAt: new Date(call.startedAt).toISOString(),
    answeredAt: iso(call.answeredAt),
    endedAt: iso(call.endedAt),
    participants: [...participants].sort(joinOrder).flatMap((p) => (p.state === 'blocked' ? [] : [{ userId: p.userId, state: p.state }])),
  };
}

const time = (d: Date | null) => (d ? new Date(d).getTime() : Number.POSITIVE_INFINITY);

/** Sorted here rather than in SQL, so every view of a call lists its parties the same way. */
function joinOrder(a: CallParticipant, b: CallParticipant): number {
  return time(a.joinedAt) - time(b.joinedAt) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}
