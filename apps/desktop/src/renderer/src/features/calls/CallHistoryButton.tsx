import { History, Phone, PhoneIncoming, PhoneMissed, PhoneOutgoing, Video } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ServerOutput } from '../../../../shared/procedures';
import { Dialog } from '../../ui/Dialog';
import { formatDuration } from './format-call';

import { useCallController } from './use-calls';

type HistoryCall = ServerOutput<'calls.history'>['calls'][number];

const OUTCOME: Record<string, string> = {
  completed: '',
  missed: 'Missed',
  declined: 'Declined',
  busy: 'Busy',
  no_answer: 'No answer',
  cancelled: 'Cancelled',
};

/** The sidebar's "Calls" button and the call history it opens (in, out, missed, how long, call back). */
export function CallHistoryButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="icon-button" onClick={() => setOpen(true)} aria-label="Calls" title="Call history">
        <History aria-hidden="true" />
      </button>
      {open && <CallHistoryDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function CallHistoryDialog({ onClose }: { onClose(): void }) {
  const backend = useBackend();
  const controller = useCallController();
  const chats = useMessengerState((s) => s.chats);
  const [calls, setCalls] = useState<HistoryCall[] | null>(null);
  useEffect(() => {
    void backend.call('calls.history', { limit: 50 }).then((page) => setCalls(page.calls), () => setCalls([]));
  }, [backend]);
  return (
    <Dialog title="Calls" onClose={onClose}>
      {calls === null ? (
        <p className="call-history__empty">Loading…</p>
      ) : calls.length === 0 ? (
        <p className="call-history__empty">No calls yet</p>
      ) : (
        <ul className="call-history" aria-label="Call history">
          {calls.map((call) => {
            const missed = call.outcome !== 'completed';
            const Icon = call.outcome === 'missed' ? PhoneMissed : call.direction === 'incoming' ? PhoneIncoming : PhoneOutgoing;
            const when = new Date(call.startedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
            return (
              <li key={call.id} className="call-history__item" data-outcome={call.outcome}>
                <Icon aria-hidden="true" className={missed ? 'is-missed' : undefined} />
                <div className="call-history__text">
                  <span className="call-history__name">{chats[call.chatId]?.title ?? 'Call'}</span>
                  <span className="call-history__meta">
                    {[call.direction === 'incoming' ? 'Incoming' : 'Outgoing', call.video ? 'video' : 'voice', OUTCOME[call.outcome] || formatDuration(call.durationSeconds), when].join(' · ')}
                  </span>
                </div>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Call ${chats[call.chatId]?.title ?? ''} back`}
                  onClick={() => {
                    onClose();
                    void controller.startCall(call.chatId, call.video).catch(() => undefined);
                  }}
                >
                  {call.video ? <Video aria-hidden="true" /> : <Phone aria-hidden="true" />}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
