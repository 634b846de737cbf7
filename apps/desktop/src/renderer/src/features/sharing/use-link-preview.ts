import { useEffect, useRef, useState } from 'react';
import { useBackend } from '../../app/context';
import type { OutputOf } from '../../../../shared/procedures';

export type ComposerLinkPreview = NonNullable<OutputOf<'messages.linkPreview'>['preview']> & { url: string };

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/i;
/** Typing pauses this long before the server is asked (once per distinct link). */
const DEBOUNCE_MS = 600;

/**
 * The card for the first link in the text being typed, fetched by the server. Dismissed for a
 * link, it stays away for that link; the message then goes as plain text.
 */
export function useLinkPreview(text: string, enabled: boolean) {
  const backend = useBackend();
  const [preview, setPreview] = useState<ComposerLinkPreview | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const asked = useRef(new Map<string, ComposerLinkPreview | null>());
  const url = enabled ? (URL_IN_TEXT.exec(text)?.[0].replace(/[.,!?)]+$/, '') ?? null) : null;

  useEffect(() => {
    if (!url || url === dismissed) return setPreview(null);
    if (asked.current.has(url)) return setPreview(asked.current.get(url) ?? null);
    let live = true;
    const timer = setTimeout(() => {
      backend.call('messages.linkPreview', { url }).then(
        (answer) => {
          const card = answer.url && answer.preview && (answer.preview.title || answer.preview.description) ? { ...answer.preview, url: answer.url } : null;
          asked.current.set(url, card);
          if (live) setPreview(card);
        },
        () => live && setPreview(null),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [url, dismissed, backend]);

  return {
    preview: url && url !== dismissed ? preview : null,
    dismiss: () => setDismissed(url),
    /** The message has a link: sent as a link message, the server attaches the card. */
    hasLink: url !== null && url !== dismissed,
  };
}
