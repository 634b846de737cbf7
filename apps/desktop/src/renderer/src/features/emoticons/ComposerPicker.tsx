import { Smile, Sticker } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { EmojiPicker } from '../emoji/EmojiPicker';
import { useClickOutside } from '../emoji/use-click-outside';
import type { Emoticon } from './emoticons-data';
import { StickerTray } from './StickerTray';

type Tab = 'emoji' | 'stickers';
const TABS: { id: Tab; label: string; icon: typeof Smile }[] = [
  { id: 'emoji', label: 'Emoji', icon: Smile },
  { id: 'stickers', label: 'Stickers', icon: Sticker },
];
/** The last tab used, so the picker opens where I left it (as WhatsApp's does). */
let lastTab: Tab = 'emoji';

interface ComposerPickerProps {
  onEmoji(emoji: string): void;
  onSticker(emoticon: Emoticon): Promise<void>;
  onClose(): void;
}

/** The composer's picker: emoji, and a Stickers tab of my emoticons; ← → switch tabs, Esc closes. */
export function ComposerPicker({ onEmoji, onSticker, onClose }: ComposerPickerProps) {
  const [tab, setTab] = useState<Tab>(lastTab);
  const root = useRef<HTMLDivElement>(null);
  const ids = useId();
  // Opened on the Stickers tab, the keyboard lands in the tray (as the emoji tab's lands in its search).
  const openedOnStickers = useRef(tab === 'stickers');
  useClickOutside(root, onClose);

  function choose(next: Tab) {
    openedOnStickers.current = false;
    lastTab = next;
    setTab(next);
  }

  function onTabKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!.id;
    choose(next);
    root.current?.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    // Esc in the "Add a sticker" dialog closes only that dialog.
    if (e.key !== 'Escape' || e.defaultPrevented || (e.target as Element).closest('dialog')) return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  }

  return (
    <div ref={root} className="composer-picker" role="dialog" aria-label="Insert emoji or sticker" onKeyDown={onKeyDown}>
      <div className="composer-picker__tabs" role="tablist" aria-label="Emoji or stickers" onKeyDown={onTabKeyDown}>
        {TABS.map(({ id, label, icon: Icon }) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`${ids}-${id}`}
            data-tab={id}
            aria-selected={tab === id}
            aria-controls={`${ids}-${id}-panel`}
            tabIndex={tab === id ? 0 : -1}
            className={`composer-picker__tab${tab === id ? ' is-selected' : ''}`}
            onClick={() => choose(id)}
          >
            <Icon aria-hidden="true" />
            {label}
          </button>
        ))}
      </div>
      <div className="composer-picker__panel" role="tabpanel" id={`${ids}-${tab}-panel`} aria-labelledby={`${ids}-${tab}`}>
        {tab === 'emoji' ? <EmojiPicker label="Insert emoji" embedded onPick={onEmoji} onClose={onClose} /> : <StickerTray onSend={onSticker} autoFocus={openedOnStickers.current} />}
      </div>
    </div>
  );
}
