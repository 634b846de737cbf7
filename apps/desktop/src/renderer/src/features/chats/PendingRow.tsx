import { RotateCcw, Trash2 } from 'lucide-react';
import { useMessenger } from '../../app/context';
import type { ChatView, MessageView } from '../../lib/backend';
import { formatTime } from '../../lib/format';
import { MessageText } from './MessageText';
import { ownEmoticons } from '../emoticons/message-emoticons';
import { useEmoticons } from '../emoticons/use-emoticons';
import { ReplyQuote } from './ReplyQuote';
import type { PendingMessage } from './state';
import { Ticks } from './Ticks';

/** A message on its way (clock) or refused (retry or discard). */
export function PendingRow({ pending, chat, meId, quoted }: { pending: PendingMessage; chat: ChatView; meId: string; quoted: MessageView | null }) {
  const messenger = useMessenger();
  // Mine, as the server will attach them once it has the message.
  const emoticons = ownEmoticons(useEmoticons().items);
  return (
    <div className="msg msg--mine msg--tail msg--pending" data-client-id={pending.clientId}>
      <div className="msg__bubble">
        {pending.replyToId && <ReplyQuote quoted={quoted} quotedId={pending.replyToId} chat={chat} meId={meId} />}
        <p className="msg__text" dir="auto">
          <MessageText text={pending.text} emoticons={emoticons} />
          <span className="msg__spacer msg__spacer--mine" />
        </p>
        <span className="msg__meta">
          <time dateTime={pending.createdAt}>{formatTime(pending.createdAt)}</time>
          <Ticks state={pending.error ? 'failed' : 'sending'} />
        </span>
      </div>
      {pending.error && (
        <div className="msg__failed" role="alert">
          <span>Not sent: {pending.error}</span>
          <button type="button" className="link-button" onClick={() => void messenger.deliver(pending.clientId)}>
            <RotateCcw aria-hidden="true" /> Retry
          </button>
          <button type="button" className="link-button" onClick={() => messenger.discardPending(pending.clientId)}>
            <Trash2 aria-hidden="true" /> Discard
          </button>
        </div>
      )}
    </div>
  );
}
