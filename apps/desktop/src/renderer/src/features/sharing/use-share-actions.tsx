import { MapPin, UserRound } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { AttachAction } from '../attachments/AttachMenu';
import { ShareContactDialog } from './ShareContactDialog';
import { ShareLocationDialog } from './ShareLocationDialog';

/** The paperclip's "Contact" and "Location" entries, and the dialog the chosen one opens. */
export function useShareActions(chatId: string): { actions: AttachAction[]; dialog: ReactNode } {
  const [open, setOpen] = useState<'contact' | 'location' | null>(null);
  const close = () => setOpen(null);
  const actions: AttachAction[] = [
    { label: 'Contact', icon: UserRound, onSelect: () => setOpen('contact') },
    { label: 'Location', icon: MapPin, onSelect: () => setOpen('location') },
  ];
  // Portalled: a dialog's form must not sit inside the composer's form.
  const dialog =
    open === 'contact'
      ? createPortal(<ShareContactDialog chatId={chatId} onClose={close} />, document.body)
      : open === 'location'
        ? createPortal(<ShareLocationDialog chatId={chatId} onClose={close} />, document.body)
        : null;
  return { actions, dialog };
}
