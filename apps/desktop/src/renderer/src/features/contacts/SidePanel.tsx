import { ArrowLeft } from 'lucide-react';
import { useEffect, type ReactNode, type Ref } from 'react';

interface SidePanelProps {
  /** The landmark's name ("Contacts", "New chat"). */
  label: string;
  title: string;
  backLabel: string;
  onBack(): void;
  backRef?: Ref<HTMLButtonElement>;
  children: ReactNode;
}

/**
 * A panel in the chat list's place (Contacts, New chat), as in WhatsApp Desktop: a back arrow
 * and a title over a scrolling body. The arrow or Esc goes one step back.
 */
export function SidePanel({ label, title, backLabel, onBack, backRef, children }: SidePanelProps) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      // Open dialogs (a label editor, New group) close themselves first.
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      onBack();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  return (
    <aside className="sidebar contacts-side" aria-label={label}>
      <header className="sidebar__header contacts-side__header">
        <button ref={backRef} type="button" className="icon-button" onClick={onBack} aria-label={backLabel} title="Back">
          <ArrowLeft aria-hidden="true" />
        </button>
        <h1 className="sidebar__title contacts-side__title">{title}</h1>
      </header>
      <div className="contacts-side__body">{children}</div>
    </aside>
  );
}
