import { BookUser, Ellipsis, Link2, Star, Users } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useContacts } from '../contacts/use-contacts';
import { useGroupActions } from '../groups/GroupActions';

/**
 * The chat list's ⋯ menu: the header's rarer actions (Contacts, New group, Join group by link,
 * Starred messages), so the header fits a 360 px column, as WhatsApp Desktop's menu does. Its
 * button carries the Contacts badge (friend requests waiting). A menu button: Enter, Space or ↓
 * open it on the first item, ↑ ↓ Home End move, Esc or Tab close it.
 */
export function ChatListMenu({ onContacts, onStarred }: { onContacts(): void; onStarred(): void }) {
  const waiting = useContacts().incoming.length;
  const groups = useGroupActions();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const requests = `${waiting} friend ${waiting === 1 ? 'request' : 'requests'}`;

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open]);

  function choose(action: () => void) {
    setOpen(false);
    button.current?.focus();
    action();
  }

  function onMenuKeyDown(e: KeyboardEvent) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  }

  const item = (icon: ReactNode, label: string, action: () => void, badge?: { count: number; label: string }) => (
    <button type="button" role="menuitem" tabIndex={-1} className="menu__item" aria-label={badge ? `${label}, ${badge.label}` : undefined} onClick={() => choose(action)}>
      <span className="menu__icon" aria-hidden="true">
        {icon}
      </span>
      {label}
      {badge && (
        <span className="badge chat-list-menu__badge" aria-hidden="true">
          {badge.count}
        </span>
      )}
    </button>
  );

  return (
    <div className="chat-list-menu">
      <button
        ref={button}
        type="button"
        className="icon-button bell"
        aria-label={waiting > 0 ? `More, ${requests}` : 'More'}
        title="More"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-opens="contacts"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Ellipsis aria-hidden="true" />
        {waiting > 0 && (
          <span className="bell__badge" aria-hidden="true">
            {waiting > 9 ? '9+' : waiting}
          </span>
        )}
      </button>
      {open && (
        <div ref={menu} id={menuId} className="menu menu--below menu--end chat-list-menu__menu" role="menu" aria-label="More" onKeyDown={onMenuKeyDown}>
          {item(<BookUser />, 'Contacts', onContacts, waiting > 0 ? { count: waiting, label: requests } : undefined)}
          {item(<Users />, 'New group', groups.newGroup)}
          {item(<Link2 />, 'Join group by link', groups.joinByLink)}
          {item(<Star />, 'Starred messages', onStarred)}
        </div>
      )}
      {groups.dialogs}
    </div>
  );
}
