import { useMessengerState } from '../../app/use-messenger-state';
import type { MessageView } from '../../lib/backend';

/**
 * A membership or settings notice ("Ana added Ben", "Cy is now an admin"), centred in the
 * conversation. The server's English text names people as they were then; my own actions
 * read "You added Ben".
 */
export function SystemMessage({ message }: { message: MessageView }) {
  const me = useMessengerState((s) => s.me);
  const action = typeof message.meta?.action === 'string' ? message.meta.action : 'notice';
  let text = message.text ?? 'The group changed';
  const myName = me?.name || me?.phone;
  if (me && message.meta?.actorId === me.id && myName && text.startsWith(`${myName} `)) text = `You${text.slice(myName.length)}`;
  return (
    <div className="msg-system" role="note" data-message-id={message.id} data-seq={message.seq} data-action={action}>
      <span className="msg-system__text" dir="auto">
        {text}
      </span>
    </div>
  );
}
