import { ImageOff, Play } from 'lucide-react';
import type { MessageView } from '../../lib/backend';
import { formatDuration } from './format-media';
import { useMediaUrl } from './use-media-url';

const MAX_W = 280;
const MAX_H = 320;

/** The box a photo or video poster takes before it loads, so the list does not jump. */
function boxOf(message: MessageView): { width: number; height: number } {
  const w = message.media?.width ?? 0;
  const h = message.media?.height ?? 0;
  if (!w || !h) return { width: 240, height: 180 };
  const scale = Math.min(1, MAX_W / w, MAX_H / h);
  return { width: Math.max(80, Math.round(w * scale)), height: Math.max(60, Math.round(h * scale)) };
}

/** A photo or video in the list: its thumbnail (or poster), opening the lightbox. */
export function ImageBubble({ message, onOpen }: { message: MessageView; onOpen(): void }) {
  const video = message.kind === 'video';
  const { url, failed } = useMediaUrl(message.mediaId, 'thumb', message.media?.hasThumb !== false);
  const box = boxOf(message);
  const label = video ? 'Play video' : 'Open photo';
  return (
    <button type="button" className="media-thumb" style={{ aspectRatio: `${box.width} / ${box.height}`, width: box.width }} onClick={onOpen} aria-label={label}>
      {url ? (
        <img className="media-thumb__img" src={url} alt={message.text ? '' : video ? 'Video' : 'Photo'} draggable={false} />
      ) : (
        <span className={`media-thumb__placeholder${failed ? ' is-failed' : ''}`} aria-hidden="true">
          {failed && <ImageOff />}
        </span>
      )}
      {video && (
        <span className="media-thumb__play" aria-hidden="true">
          <Play />
        </span>
      )}
      {video && message.media?.durationMs ? <span className="media-thumb__duration">{formatDuration(message.media.durationMs)}</span> : null}
    </button>
  );
}
