import { Archive, ArchiveRestore, ChevronDown, Pin, PinOff, Tag } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useMessenger } from '../../app/context';
import type { ChatView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { LabelsDialog } from '../labels/LabelsDialog';
import { useKnownLabels } from '../labels/use-labels';

/**
 * A chat-list row's menu: pin or unpin, archive or unarchive, label. Opens from its button (shown on
 * hover and focus) or the row's context menu; arrow keys move, Esc closes.
 */
export function ChatItemMenu({ chat, archived }: { chat: ChatView; archived: boolean }) {
  const messenger = useMessenger();
  const [open, setOpen] = useState(false);
  const [labelling, setLabelling] = useState(false);
  const known = useKnownLabels();
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  // Right-click on the row opens this menu, as on the desktop apps.
  useEffect(() => {
    const row = button.current?.closest('li');
    const onContextMenu = (e: MouseEvent) => {
      e.preventDefault();
      setOpen(true);
    };
    row?.addEventListener('contextmenu', onContextMenu);
    return () => row?.removeEventListener('contextmenu', onContextMenu);
  }, []);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open]);

  function run(change: { pinned: boolean } | { archived: boolean }) {
    setOpen(false);
    button.current?.focus();
    void messenger.setChatPlace(chat.id, change).then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    );
  }

  function onKeyDown(e: KeyboardEvent) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(index + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    }
  }

  const pinned = Boolean(chat.pinnedAt);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="chat-item__menu-button"
        aria-label={`Options for ${chat.title}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <ChevronDown aria-hidden="true" />
      </button>
      {open && (
        <div ref={menu} className="menu chat-item__menu" role="menu" aria-label={`Options for ${chat.title}`} onKeyDown={onKeyDown}>
          {!archived && (
            <button type="button" role="menuitem" tabIndex={-1} className="menu__item" onClick={() => run({ pinned: !pinned })}>
              <span className="menu__icon" aria-hidden="true">
                {pinned ? <PinOff /> : <Pin />}
              </span>
              {pinned ? 'Unpin chat' : 'Pin chat'}
            </button>
          )}
          <button type="button" role="menuitem" tabIndex={-1} className="menu__item" onClick={() => run({ archived: !archived })}>
            <span className="menu__icon" aria-hidden="true">
              {archived ? <ArchiveRestore /> : <Archive />}
            </span>
            {archived ? 'Unarchive chat' : 'Archive chat'}
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu__item"
            onClick={() => {
              setOpen(false);
              setLabelling(true);
            }}
          >
            <span className="menu__icon" aria-hidden="true">
              <Tag />
            </span>
            Labels…
          </button>
        </div>
      )}
      {labelling && (
        <LabelsDialog
          title={`Labels for ${chat.title}`}
          current={chat.labels ?? []}
          known={known}
          onSave={(labels) => messenger.setChatLabels(chat.id, labels)}
          onClose={() => setLabelling(false)}
        />
      )}
      {error && (
        <p className="form-error chat-item__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
