import { FileText, Image, Music, Paperclip, type LucideIcon } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';

const CHOICES = [
  { label: 'Photos and videos', accept: 'image/*,video/*', icon: Image },
  { label: 'Audio', accept: 'audio/*', icon: Music },
  { label: 'Document', accept: '', icon: FileText },
] as const;

/** A menu entry that is not a file: share a contact, a location… */
export interface AttachAction {
  label: string;
  icon: LucideIcon;
  onSelect(): void;
}

/** The paperclip: a small menu (photos and videos, audio, any file, then `actions`) opening the file chooser. */
export function AttachMenu({ disabled, onPick, actions = [] }: { disabled: boolean; onPick(file: File): void; actions?: AttachAction[] }) {
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const close = (e: PointerEvent) => !menu.current?.parentElement?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  function choose(accept: string) {
    setOpen(false);
    if (!input.current) return;
    input.current.accept = accept;
    input.current.click();
  }

  return (
    <span className="attach">
      <button type="button" className="icon-button" disabled={disabled} aria-label="Attach a file" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <Paperclip aria-hidden="true" />
      </button>
      {open && (
        <div
          ref={menu}
          className="attach__menu"
          role="menu"
          aria-label="Attach"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          {CHOICES.map(({ label, accept, icon: Icon }) => (
            <button key={label} type="button" role="menuitem" className="attach__item" onClick={() => choose(accept)}>
              <Icon aria-hidden="true" />
              {label}
            </button>
          ))}
          {actions.map(({ label, icon: Icon, onSelect }) => (
            <button
              key={label}
              type="button"
              role="menuitem"
              className="attach__item"
              onClick={() => {
                setOpen(false);
                onSelect();
              }}
            >
              <Icon aria-hidden="true" />
              {label}
            </button>
          ))}
        </div>
      )}
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-label="Choose a file to send"
        data-testid="attach-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onPick(file);
        }}
      />
    </span>
  );
}
