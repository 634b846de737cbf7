import { useState, type ReactNode } from 'react';
import { JoinGroupDialog } from './JoinGroupDialog';
import { NewGroupDialog } from './NewGroupDialog';

export interface GroupActions {
  newGroup(): void;
  joinByLink(): void;
  /** The open dialog, if any: render it where the actions live. */
  dialogs: ReactNode;
}

/** The chat list's "New group" and "Join group by link" (its ⋯ menu), with their dialogs. */
export function useGroupActions(): GroupActions {
  // Opened from an invite link (…/join/CODE, served the web client): straight to its preview.
  const [linked] = useState(() => (window.location.pathname.startsWith('/join/') ? window.location.href : ''));
  const [open, setOpen] = useState<'new' | 'join' | null>(linked ? 'join' : null);
  const dialogs = (
    <>
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
  return { newGroup: () => setOpen('new'), joinByLink: () => setOpen('join'), dialogs };
}
