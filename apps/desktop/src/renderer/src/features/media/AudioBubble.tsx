import { Mic, Music } from 'lucide-react';
import type { MessageView } from '../../lib/backend';
import { formatDuration } from './format-media';
import { useMediaUrl } from './use-media-url';

/** An audio clip or voice note with the browser's own player (keyboard-accessible controls). */
export function AudioBubble({ message }: { message: MessageView }) {
  const voice = message.kind === 'voice';
  const { url } = useMediaUrl(message.mediaId);
  const duration = message.media?.durationMs ? formatDuration(message.media.durationMs) : null;
  const label = voice ? 'Voice message' : (message.media?.fileName ?? 'Audio');
  return (
    <div className="audio-card">
      <span className="audio-card__icon" aria-hidden="true">
        {voice ? <Mic /> : <Music />}
      </span>
      <div className="audio-card__body">
        <span className="audio-card__label">
          {label}
          {duration && <span className="audio-card__duration"> · {duration}</span>}
        </span>
        {url ? <audio className="audio-card__player" src={url} controls preload="metadata" aria-label={label} /> : <span className="audio-card__loading">Loading…</span>}
      </div>
    </div>
  );
}
