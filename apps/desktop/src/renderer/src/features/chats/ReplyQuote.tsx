import { useMessenger } from '../../app/context';
import type { ChatView, MessageView } from '../../lib/backend';
import { previewText } from './preview-text';

interface ReplyQuoteProps {
  quoted: MessageView | null;
  quotedId: string;
  chat: ChatView;
  meId: string;
}

/** The quoted message above a reply; clicking it jumps to the original. */
export function ReplyQuote({ quoted, quotedId, chat, meId }: ReplyQuoteProps) {
  const messenger = useMessenger();
  const author = !quoted ? '' : quoted.senderId === meId ? 'You' : chat.kind === 'direct' ? chat.title : 'Member';
  return (
    <button
      type="button"
      className="quote"
      onClick={() => quoted && void messenger.jumpTo(chat.id, quotedId, quoted.seq)}
      disabled={!quoted}
      aria-label={quoted ? `Reply to ${author}: ${previewText(quoted, '')}. Show original message` : 'Reply to an earlier message'}
    >
      <span className="quote__author">{author || 'Earlier message'}</span>
      <span className="quote__text">{quoted ? previewText(quoted, '') : 'Scroll up to load the original message'}</span>
    </button>
  );
}
