import { ImageOff } from 'lucide-react';
import { useState } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import type { MessageView } from '../../lib/backend';
import { useMediaUrl } from '../media/use-media-url';
import { savableEmoticons } from './message-emoticons';
import { SaveStickerDialog } from './SaveStickerDialog';

/**
 * A sticker in the list: the picture itself, no bubble and no lightbox (as WhatsApp draws them).
 * Someone else's opens "Add to my stickers" when clicked (or tapped).
 */
export function StickerBubble({ message }: { message: MessageView }) {
  const { url, failed } = useMediaUrl(message.mediaId, message.media?.hasThumb ? 'thumb' : 'full');
  const meId = useMessengerState((s) => s.me?.id);
  const [saving, setSaving] = useState(false);
  const source = message.senderId !== meId ? savableEmoticons(message)[0] : undefined;
  const picture = url ? (
    <img className="sticker" src={url} alt="Sticker" draggable={false} />
  ) : (
    <span className={`sticker sticker--placeholder${failed ? ' is-failed' : ''}`} role="img" aria-label={failed ? 'Sticker (unavailable)' : 'Sticker'}>
      {failed && <ImageOff aria-hidden="true" />}
    </span>
  );
  if (!source || !url) return picture;
  return (
    <>
      <button type="button" className="sticker-button" title="Add to my stickers" aria-label="Sticker, add to my stickers" aria-haspopup="dialog" onClick={() => setSaving(true)}>
        {picture}
      </button>
      {saving && <SaveStickerDialog messageId={message.id} source={source} onClose={() => setSaving(false)} />}
    </>
  );
}
