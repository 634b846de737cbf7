import { ImageOff } from 'lucide-react';
import type { MessageView } from '../../lib/backend';
import { useMediaUrl } from '../media/use-media-url';

/** A sticker in the list: the picture itself, no bubble and no lightbox (as WhatsApp draws them). */
export function StickerBubble({ message }: { message: MessageView }) {
  const { url, failed } = useMediaUrl(message.mediaId, message.media?.hasThumb ? 'thumb' : 'full');
  if (url) return <img className="sticker" src={url} alt="Sticker" draggable={false} />;
  return (
    <span className={`sticker sticker--placeholder${failed ? ' is-failed' : ''}`} role="img" aria-label={failed ? 'Sticker (unavailable)' : 'Sticker'}>
      {failed && <ImageOff aria-hidden="true" />}
    </span>
  );
}
