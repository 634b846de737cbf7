import { History, Phone, PhoneIncoming, PhoneMissed, PhoneOutgoing, Video } from 'lucide-react';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useBackend } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ServerOutput } from '../../../../shared/procedures';
import { Avatar } from '../../ui/Avatar';
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
      {/* On the body: at phone width the sidebar hides while a chat is open. */}
      {open && createPortal(<CallHistoryDialog onClose={() => setOpen(false)} />, document.body)}
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
            const missed = call.outcome === 'missed';
            const Icon = missed ? PhoneMissed : call.direction === 'incoming' ? PhoneIncoming : PhoneOutgoing;
            const chat = chats[call.chatId];
            const title = chat?.title ?? 'Call';
            const kind = `${call.direction === 'incoming' ? 'Incoming' : 'Outgoing'} ${call.video ? 'video' : 'voice'} call`;
            return (
              <li key={call.id} className="call-history__item" data-outcome={call.outcome}>
                <Avatar id={chat?.peer?.id ?? call.chatId} name={title} mediaId={chat?.avatarMediaId ?? null} group={call.group} />
                <div className="call-history__text">
                  <span className={`call-history__name${missed ? ' is-missed' : ''}`}>{title}</span>
                  <span className="call-history__meta">
                    <Icon aria-hidden="true" className={call.outcome === 'completed' ? 'is-done' : 'is-missed'} />
                    {[kind, OUTCOME[call.outcome] || formatDuration(call.durationSeconds)].join(' · ')}
                  </span>
                </div>
                <time className="call-history__when" dateTime={call.startedAt} title={new Date(call.startedAt).toLocaleString([], { dateStyle: 'full', timeStyle: 'short' })}>
                  {shortWhen(new Date(call.startedAt))}
                </time>
                <button
                  type="button"
                  className="icon-button call-history__back"
                  aria-label={`Call ${title} back`}
                  title={call.video ? 'Video call' : 'Voice call'}
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

/** "08:23" today, "3 Dec" this year, "3 Dec 2025" before: as a chat list dates its rows. */
function shortWhen(date: Date, now = new Date()): string {
  if (date.toDateString() === now.toDateString()) return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (date.getFullYear() === now.getFullYear()) return date.toLocaleDateString([], { day: 'numeric', month: 'short' });
  return date.toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });
}
