import { Fragment } from 'react';
import { EmoticonImage } from '../emoticons/EmoticonImage';
import { textParts, type InlineEmoticon, type MentionName } from './text-parts';

/** Up to this many emoticons alone in a message are drawn large, as messengers draw lone emoji. */
const LARGE_EMOTICONS = 3;

/**
 * Message text as text: React puts it in text nodes, so `<img onerror=…>` shows literally.
 * Web addresses (http/https only) become links; "@Name" of a person the message mentions is
 * set apart (bold and coloured; a mention of me also marked); `:shortcut:` of a custom emoticon
 * the message carries is its picture; everything else stays characters.
 */
export function MessageText({ text, mentions, emoticons }: { text: string; mentions?: readonly MentionName[]; emoticons?: Readonly<Record<string, InlineEmoticon>> }) {
  const parts = textParts(text, mentions, emoticons);
  const drawn = parts.filter((p) => 'emoticon' in p).length;
  const large = drawn > 0 && drawn <= LARGE_EMOTICONS && parts.every((p) => 'emoticon' in p || !p.text.trim());
  return (
    <>
      {parts.map((part, i) =>
        'href' in part ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : 'mention' in part ? (
          part.mention.me ? (
            <mark key={i} className="mention mention--me">
              {part.text}
            </mark>
          ) : (
            <span key={i} className="mention">
              {part.text}
            </span>
          )
        ) : 'emoticon' in part ? (
          <EmoticonImage key={i} shortcut={part.emoticon.shortcut} mediaId={part.emoticon.mediaId} className={large ? 'emoticon emoticon--large' : 'emoticon'} />
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
