import { Phone, Video } from 'lucide-react';
import type { ChatView } from '../../lib/backend';
import { useCallController, useCalls } from './use-calls';

/** Voice and video call buttons in a chat's header (a group call rings every member). */
export function CallButtons({ chat }: { chat: ChatView }) {
  const controller = useCallController();
  // While a call is going on in this chat (or I am in one), its banner or screen is the way in.
  const busy = useCalls((s) => s.current !== null || s.open[chat.id] !== undefined);
  const place = (video: boolean) => void controller.startCall(chat.id, video).catch(() => undefined);
  const group = chat.kind === 'group' ? 'group ' : '';
  return (
    <>
      <button type="button" className="icon-button" onClick={() => place(false)} disabled={busy} aria-label={`Start ${group}voice call`} title={`Voice call`}>
        <Phone aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" onClick={() => place(true)} disabled={busy} aria-label={`Start ${group}video call`} title={`Video call`}>
        <Video aria-hidden="true" />
      </button>
    </>
  );
}
