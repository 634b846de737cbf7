import { Link2, Users } from 'lucide-react';
import { useState } from 'react';
import { JoinGroupDialog } from './JoinGroupDialog';
import { NewGroupDialog } from './NewGroupDialog';

/** The chat list's "New group" and "Join by link" buttons, with their dialogs. */
export function GroupActions() {
  // Opened from an invite link (…/join/CODE, served the web client): straight to its preview.
  const [linked] = useState(() => (window.location.pathname.startsWith('/join/') ? window.location.href : ''));
  const [open, setOpen] = useState<'new' | 'join' | null>(linked ? 'join' : null);
  return (
    <>
      <button type="button" className="icon-button" onClick={() => setOpen('new')} aria-label="New group" title="New group">
        <Users aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" onClick={() => setOpen('join')} aria-label="Join group by link" title="Join group by link">
        <Link2 aria-hidden="true" />
      </button>
      {open === 'new' && <NewGroupDialog onClose={() => setOpen(null)} />}
      {open === 'join' && (
        <JoinGroupDialog
          initial={linked}
          onClose={() => {
            setOpen(null);
            if (linked) window.history.replaceState(null, '', '/');
          }}
        />
      )}
    </>
  );
}
