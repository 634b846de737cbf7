import { ListChecks } from 'lucide-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { PollComposerDialog } from './PollComposerDialog';

/** The composer's "Create poll" button; absent where the backend has no polls. */
export function PollButton({ chatId, disabled }: { chatId: string; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="icon-button" disabled={disabled} onClick={() => setOpen(true)} aria-label="Create poll" title="Create poll">
        <ListChecks aria-hidden="true" />
      </button>
      {/* Portalled: the dialog's form must not sit inside the composer's form. */}
      {open && createPortal(<PollComposerDialog chatId={chatId} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
