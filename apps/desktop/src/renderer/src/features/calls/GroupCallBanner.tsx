import { Phone, Video } from 'lucide-react';
import type { ChatView } from '../../lib/backend';
import { useCallController, useCalls } from './use-calls';

/**
 * A group's call going on without this device: who is in it, and Join (as WhatsApp's green bar
 * over the chat). Also shown to whoever declined, missed the ring or left, while the call lasts.
 */
export function GroupCallBanner({ chat }: { chat: ChatView }) {
  const controller = useCallController();
  const call = useCalls((s) => (chat.kind === 'group' ? s.open[chat.id] : undefined));
  const here = useCalls((s) => s.current?.call.id === call?.id);
  if (!call || here) return null;
  const inCall = call.participants.filter((p) => p.state === 'joined').length;
  const Icon = call.video ? Video : Phone;
  const kind = call.video ? 'Video call' : 'Voice call';
  return (
    <div className="group-call-banner" role="region" aria-label={`${kind} in progress`}>
      <Icon aria-hidden="true" className="group-call-banner__icon" />
      <span className="group-call-banner__text">
        {kind} in progress · {inCall === 1 ? '1 person' : `${inCall} people`} in it
      </span>
      <button type="button" className="group-call-banner__join" onClick={() => void controller.joinGroupCall(call).catch(() => undefined)}>
        Join
      </button>
    </div>
  );
}
