import { UserRound } from 'lucide-react';
import { useState } from 'react';
import { useMessenger } from '../../app/context';
import type { MessageView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { hostOf } from './format-media';

interface LinkMeta {
  url: string;
  preview: { title?: string | null; description?: string | null; imageUrl?: string | null; siteName?: string | null } | null;
}
interface ContactMeta {
  name: string;
  phones: string[];
  userId: string | null;
}

const field = <T,>(message: MessageView, key: string): T | null => (message.meta?.[key] as T | undefined) ?? null;

/**
 * The Open Graph preview the server fetched. The page's image is shown as its host only: the
 * client never loads remote images (that would tell the site who is reading).
 */
export function LinkCard({ message }: { message: MessageView }) {
  const link = field<LinkMeta>(message, 'link');
  const preview = link?.preview;
  if (!link || !preview || !(preview.title || preview.description)) return null;
  return (
    <a className="link-card" href={link.url} target="_blank" rel="noopener noreferrer nofollow">
      <span className="link-card__site">{preview.siteName ?? hostOf(link.url)}</span>
      {preview.title && <span className="link-card__title">{preview.title}</span>}
      {preview.description && <span className="link-card__description">{preview.description}</span>}
      {preview.imageUrl && <span className="link-card__image">Image from {hostOf(preview.imageUrl)}</span>}
    </a>
  );
}

/** A shared contact; "Message" opens a chat with them when they are on Confab. */
export function ContactCard({ message }: { message: MessageView }) {
  const messenger = useMessenger();
  const [error, setError] = useState<string | null>(null);
  const contact = field<ContactMeta>(message, 'contact');
  if (!contact) return null;
  const phone = contact.phones[0];
  return (
    <div className="contact-card">
      <span className="contact-card__icon" aria-hidden="true">
        <UserRound />
      </span>
      <span className="contact-card__text">
        <span className="contact-card__name">{contact.name}</span>
        {contact.phones.map((phone) => (
          <a key={phone} className="contact-card__phone" href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>
            {phone}
          </a>
        ))}
      </span>
      {contact.userId && phone && (
        <button
          type="button"
          className="button button--ghost button--small contact-card__message"
          onClick={() => void messenger.startChatByPhone(phone).catch((err: unknown) => setError(errorText(err)))}
        >
          Message
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export { LocationCard } from '../sharing/LocationCard';
