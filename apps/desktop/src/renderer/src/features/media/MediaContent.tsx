import { useState } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import type { MessageView } from '../../lib/backend';
import { AudioBubble } from './AudioBubble';
import { ContactCard, LinkCard, LocationCard } from './cards';
import { DocumentBubble } from './DocumentBubble';
import { ImageBubble } from './ImageBubble';
import { StickerBubble } from '../emoticons/StickerBubble';
import { Lightbox } from './Lightbox';

/** Kinds this component shows above a message's text (the caption, if any). */
export const MEDIA_KINDS = new Set(['image', 'video', 'audio', 'voice', 'document', 'sticker', 'contact', 'location', 'link']);

const visual = (m: MessageView) => (m.kind === 'image' || m.kind === 'video') && m.mediaId && !m.deletedAt;

/** The attachment part of a bubble: photo, video, audio, file, link preview, contact or place. */
export function MediaContent({ message }: { message: MessageView }) {
  const [open, setOpen] = useState(false);
  const messages = useMessengerState((s) => s.conversations[message.chatId]?.messages);
  switch (message.kind) {
    case 'sticker':
      return <StickerBubble message={message} />;
    case 'image':
    case 'video':
      return (
        <>
          <ImageBubble message={message} onOpen={() => setOpen(true)} />
          {open && <Lightbox items={(messages ?? [message]).filter(visual)} startId={message.id} onClose={() => setOpen(false)} />}
        </>
      );
    case 'audio':
    case 'voice':
      return <AudioBubble message={message} />;
    case 'document':
      return <DocumentBubble message={message} />;
    case 'link':
      return <LinkCard message={message} />;
    case 'contact':
      return <ContactCard message={message} />;
    case 'location':
      return <LocationCard message={message} />;
    default:
      return null;
  }
}
