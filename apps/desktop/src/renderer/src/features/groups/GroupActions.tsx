import { Link2, Users } from 'lucide-react';
import { useState } from 'react';
import { useBackend } from '../../app/context';
import { JoinGroupDialog } from './JoinGroupDialog';
import { NewGroupDialog } from './NewGroupDialog';

/** The chat list's "New group" and "Join by link" buttons, with their dialogs. */
export function GroupActions() {
  const backend = useBackend();
  const [open, setOpen] = useState<'new' | 'join' | null>(null);
  if (!backend.groups) return null;
  return (
    <>
      <button type="button" className="icon-button" onClick={() => setOpen('new')} aria-label="New group" title="New group">
        <Users aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" onClick={() => setOpen('join')} aria-label="Join group by link" title="Join group by link">
        <Link2 aria-hidden="true" />
      </button>
      {open === 'new' && <NewGroupDialog onClose={() => setOpen(null)} />}
      {open === 'join' && <JoinGroupDialog onClose={() => setOpen(null)} />}
    </>
  );
}
