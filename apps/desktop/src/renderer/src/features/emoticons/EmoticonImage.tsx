import { useMediaUrl } from '../media/use-media-url';

interface EmoticonImageProps {
  shortcut: string;
  mediaId: string;
  className?: string;
  /** What shows while the image loads or once it is gone (deleted by its owner): the text, by default. */
  fallback?: 'text' | 'blank';
  /** Beside its name already (a list, a button's label): hidden from screen readers. */
  decorative?: boolean;
}

/**
 * A custom emoticon's picture, named `:shortcut:` for screen readers and copy. An emoticon its
 * owner deleted is no longer served: then its `:shortcut:` text shows, as everyone else sees it.
 */
export function EmoticonImage({ shortcut, mediaId, className = 'emoticon', fallback = 'text', decorative = false }: EmoticonImageProps) {
  const { url, failed } = useMediaUrl(mediaId);
  const name = `:${shortcut}:`;
  if (url) return <img className={className} src={url} alt={decorative ? '' : name} title={decorative ? undefined : name} draggable={false} />;
  if (failed && fallback === 'text') return <>{name}</>;
  return decorative ? <span className={`${className} emoticon--loading`} aria-hidden="true" /> : <span className={`${className} emoticon--loading`} role="img" aria-label={name} title={name} />;
}
