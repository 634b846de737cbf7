import { Phone, PhoneMissed, Video } from 'lucide-react';
import type { MessageView } from '../../lib/backend';

/** A call's line in the chat: "Video call, 3 min", "Missed voice call". */
export function CallMessage({ message }: { message: MessageView }) {
  const meta = message.meta as { video?: boolean; outcome?: string } | null;
  const Icon = meta?.outcome !== 'completed' ? PhoneMissed : meta.video ? Video : Phone;
  return (
    <div className="msg-system msg-call" role="note" data-message-id={message.id} data-seq={message.seq} data-action="call" data-outcome={meta?.outcome}>
      <span className={`msg-call__text${meta?.outcome === 'completed' ? '' : ' is-missed'}`}>
        <Icon aria-hidden="true" />
        {message.text}
      </span>
    </div>
  );
}
