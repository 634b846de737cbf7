import { useEffect, useRef, useState } from 'react';
import { useBackend } from '../../app/context';
import { Dialog } from '../../ui/Dialog';
import { SettingsHome } from './SettingsHome';
import { SETTINGS_SECTIONS } from './settings-sections';

/**
 * Settings as WhatsApp Desktop has it: a list of sections, each opening its page in the same
 * window with a back button; Esc (or the ×) closes Settings from any page.
 */
export function SettingsDialog({ onClose, onSignedOut }: { onClose(): void; onSignedOut(notice?: string): void }) {
  const backend = useBackend();
  const [open, setOpen] = useState<string | null>(null);
  const [moderator, setModerator] = useState(false);
  /** The section row to focus again after "Back". */
  const cameFrom = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    backend
      .call('me.capabilities')
      .then((c) => live && setModerator(c.moderator))
      .catch(() => undefined);
    return () => void (live = false);
  }, [backend]);

  const sections = SETTINGS_SECTIONS.filter((s) => !s.shownTo || s.shownTo({ moderator }));
  const section = sections.find((s) => s.id === open);

  useEffect(() => {
    const dialog = document.querySelector<HTMLElement>('dialog[open].settings-dialog');
    dialog?.scrollTo({ top: 0 });
    if (section) dialog?.querySelector<HTMLElement>('.dialog__back')?.focus();
    else if (cameFrom.current) dialog?.querySelector<HTMLElement>(`[data-section="${cameFrom.current}"]`)?.focus();
  }, [section]);

  const Page = section?.Page;
  return (
    <Dialog title={section?.label ?? 'Settings'} onClose={onClose} onBack={section ? () => setOpen(null) : undefined} size={section?.size ?? 'sm'} className="settings-dialog">
      {Page ? (
        <Page onSignedOut={onSignedOut} />
      ) : (
        <SettingsHome
          sections={sections}
          onOpen={(id) => {
            cameFrom.current = id;
            setOpen(id);
          }}
          onSignedOut={onSignedOut}
        />
      )}
    </Dialog>
  );
}
