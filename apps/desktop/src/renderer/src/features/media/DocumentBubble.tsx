import { Download, FileText } from 'lucide-react';
import type { MessageView } from '../../lib/backend';
import { fileTypeLabel, formatSize } from './format-media';
import { useMediaUrl } from './use-media-url';

/** A file: its name, size and type, and a download link (the file is fetched when shown). */
export function DocumentBubble({ message }: { message: MessageView }) {
  const media = message.media;
  const name = media?.fileName ?? 'Document';
  const { url, failed } = useMediaUrl(message.mediaId);
  const type = fileTypeLabel(media?.fileName ?? null, media?.mime ?? '');
  return (
    <div className="doc-card">
      <span className="doc-card__icon" aria-hidden="true">
        <FileText />
      </span>
      <span className="doc-card__text">
        <span className="doc-card__name" title={name}>
          {name}
        </span>
        <span className="doc-card__details">{[media ? formatSize(media.size) : null, type].filter(Boolean).join(' · ')}</span>
      </span>
      {url ? (
        <a className="icon-button doc-card__download" href={url} download={name} aria-label={`Download ${name}`}>
          <Download aria-hidden="true" />
        </a>
      ) : (
        <span className="icon-button doc-card__download is-disabled" aria-label={failed ? 'Download unavailable' : 'Preparing download'} role="img">
          <Download aria-hidden="true" />
        </span>
      )}
    </div>
  );
}
