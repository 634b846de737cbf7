import { ChevronLeft, ChevronRight, Download, X } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageView } from '../../lib/backend';
import { useMediaUrl } from './use-media-url';

interface LightboxProps {
  /** The chat's photos and videos, oldest first. */
  items: MessageView[];
  startId: string;
  onClose(): void;
}

/** Full-size photo or video on a modal <dialog>: Esc closes, ← → move between the chat's media. */
export function Lightbox({ items, startId, onClose }: LightboxProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [index, setIndex] = useState(() => Math.max(0, items.findIndex((m) => m.id === startId)));
  const item = items[index];
  const video = item?.kind === 'video';
  const { url } = useMediaUrl(item?.mediaId);
  const poster = useMediaUrl(item?.mediaId, 'thumb', video && item?.media?.hasThumb === true).url;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const go = (step: number) => setIndex((i) => Math.min(items.length - 1, Math.max(0, i + step)));

  function onKeyDown(e: KeyboardEvent) {
    // Arrow keys inside a playing video's controls seek; elsewhere they move between items.
    if ((e.target as HTMLElement).tagName === 'VIDEO') return;
    if (e.key === 'ArrowLeft') go(-1);
    else if (e.key === 'ArrowRight') go(1);
    else return;
    e.preventDefault();
  }

  if (!item) return null;
  const title = `${video ? 'Video' : 'Photo'} ${index + 1} of ${items.length}`;
  return (
    <dialog
      ref={ref}
      className="lightbox"
      aria-label={title}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === ref.current && onClose()}
    >
      <header className="lightbox__bar">
        <span className="lightbox__title">{title}</span>
        {url && (
          <a className="icon-button lightbox__button" href={url} download={item.media?.fileName ?? ''} aria-label="Download">
            <Download aria-hidden="true" />
          </a>
        )}
        <button type="button" className="icon-button lightbox__button" onClick={onClose} aria-label="Close">
          <X aria-hidden="true" />
        </button>
      </header>
      <div className="lightbox__stage" onClick={(e) => e.target === e.currentTarget && onClose()}>
        {!url ? (
          <span className="lightbox__loading">Loading…</span>
        ) : video ? (
          <video key={item.id} className="lightbox__media" src={url} poster={poster ?? undefined} controls autoPlay aria-label="Video" />
        ) : (
          <img key={item.id} className="lightbox__media" src={url} alt={item.text ?? 'Photo'} />
        )}
      </div>
      {item.text && <p className="lightbox__caption" dir="auto">{item.text}</p>}
      <button type="button" className="icon-button lightbox__nav lightbox__nav--prev" onClick={() => go(-1)} disabled={index === 0} aria-label="Previous">
        <ChevronLeft aria-hidden="true" />
      </button>
      <button type="button" className="icon-button lightbox__nav lightbox__nav--next" onClick={() => go(1)} disabled={index === items.length - 1} aria-label="Next">
        <ChevronRight aria-hidden="true" />
      </button>
    </dialog>
  );
}
