import { useMessengerState } from '../../app/use-messenger-state';
import type { MessageView } from '../../lib/backend';
import { noticeText } from './notice-text';

/**
 * A membership or settings notice ("Ana added Ben", "Cy is now an admin"), centred in the
 * conversation, in my words ("You added Ben", "Ben removed you").
 */
export function SystemMessage({ message }: { message: MessageView }) {
  const me = useMessengerState((s) => s.me);
  const action = typeof message.meta?.action === 'string' ? message.meta.action : 'notice';
  const text = noticeText(message, me);
  return (
    <div className="msg-system" role="note" data-message-id={message.id} data-seq={message.seq} data-action={action}>
      <span className="msg-system__text" dir="auto">
        {text}
      </span>
    </div>
  );
}
