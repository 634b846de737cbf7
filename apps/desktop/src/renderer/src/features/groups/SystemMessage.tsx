import type { MessageView } from '../../lib/backend';

/**
 * A membership or settings notice ("Ana added Ben", "Cy is now an admin"), centred in the
 * conversation. The server's English text is shown as is: it names people as they were then.
 */
export function SystemMessage({ message }: { message: MessageView }) {
  const action = typeof message.meta?.action === 'string' ? message.meta.action : 'notice';
  return (
    <div className="msg-system" role="note" data-message-id={message.id} data-seq={message.seq} data-action={action}>
      <span className="msg-system__text" dir="auto">
        {message.text ?? 'The group changed'}
      </span>
    </div>
  );
}
