import { Fragment } from 'react';
import { textParts, type MentionName } from './text-parts';

/**
 * Message text as text: React puts it in text nodes, so `<img onerror=…>` shows literally.
 * Web addresses (http/https only) become links; "@Name" of a person the message mentions is
 * set apart (bold and coloured; a mention of me also marked); everything else stays characters.
 */
export function MessageText({ text, mentions }: { text: string; mentions?: readonly MentionName[] }) {
  return (
    <>
      {textParts(text, mentions).map((part, i) =>
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
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
