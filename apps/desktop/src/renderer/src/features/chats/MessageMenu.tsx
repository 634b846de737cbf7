import { Copy, Forward, Info, Pencil, Plus, Reply, Star, StarOff, Sticker, Trash2 } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { ReactionEmoticon } from '../../../../shared/reactions';
import { EmoticonImage } from '../emoticons/EmoticonImage';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

export interface MenuActions {
  onReact(emoji: string): void;
  /** Any other emoji, from the full picker. */
  onMoreReactions?(): void;
  onReply(): void;
  /** Star (bookmark) or unstar; absent where starring makes no sense. */
  onStar?(): void;
  starred?: boolean;
  onCopy?(): void;
  onEdit?(): void;
  onDelete(): void;
  onForward?(): void;
  onInfo?(): void;
  /** Someone's sticker, or the custom emoticons their text draws: "Add to my stickers" for each. */
  saveable?: readonly { shortcut: string; sticker: boolean }[];
  onSave?(index: number): void;
}

interface MessageMenuProps extends MenuActions {
  myReaction: string | null;
  /** When my reaction is one of my custom emoticons (`myReaction` is then its `:shortcut:`). */
  myEmoticon?: ReactionEmoticon | undefined;
  /** Open above the message when it sits low in the list, so the menu stays on screen. */
  placement: 'above' | 'below';
  align: 'start' | 'end';
  onClose(returnFocus: boolean): void;
}

/**
 * The message's menu: a row of quick reactions, then actions. Arrow keys move, Esc closes and
 * returns focus to the button that opened it, a click elsewhere closes it.
 */
export function MessageMenu({ myReaction, myEmoticon, placement, align, onClose, onReact, onMoreReactions, onReply, onStar, starred = false, onCopy, onEdit, onDelete, onForward, onInfo, saveable = [], onSave }: MessageMenuProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"], [role="menuitemradio"]')?.focus();
    function onPointerDown(e: PointerEvent) {
      if (!ref.current?.contains(e.target as Node)) onClose(false);
    }
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  function onKeyDown(e: KeyboardEvent) {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"], [role="menuitemradio"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowRight') move(index + 1);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') move(index - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Tab') onClose(false);
  }

  const act = (run: () => void) => () => {
    onClose(true);
    run();
  };

  return (
    <div ref={ref} className={`menu menu--${placement} menu--${align}`} role="menu" aria-label="Message actions" onKeyDown={onKeyDown}>
      <div className="menu__reactions" role="group" aria-label="React">
        {QUICK_REACTIONS.map((emoji) => (
          <button
            key={emoji}
            type="button"
            role="menuitemradio"
            aria-checked={myReaction === emoji}
            aria-label={myReaction === emoji ? `Remove reaction ${emoji}` : `React with ${emoji}`}
            className={`menu__emoji${myReaction === emoji ? ' is-selected' : ''}`}
            tabIndex={-1}
            onClick={act(() => onReact(emoji))}
          >
            {emoji}
          </button>
        ))}
        {myReaction && !QUICK_REACTIONS.includes(myReaction) && (
          <button type="button" role="menuitemradio" aria-checked aria-label={`Remove reaction ${myReaction}`} title={myEmoticon ? myReaction : undefined} className="menu__emoji is-selected" tabIndex={-1} onClick={act(() => onReact(myReaction))}>
            {myEmoticon ? <EmoticonImage shortcut={myEmoticon.shortcut} mediaId={myEmoticon.mediaId} className="emoticon reaction__emoticon" decorative /> : myReaction}
          </button>
        )}
        {onMoreReactions && (
          <button type="button" role="menuitem" aria-label="More reactions" title="More reactions" className="menu__emoji menu__emoji--more" tabIndex={-1} onClick={act(onMoreReactions)}>
            <Plus aria-hidden="true" />
          </button>
        )}
      </div>
      <MenuItem icon={<Reply />} label="Reply" onClick={act(onReply)} />
      {onStar && <MenuItem icon={starred ? <StarOff /> : <Star />} label={starred ? 'Unstar' : 'Star'} onClick={act(onStar)} />}
      {onSave &&
        saveable.map((item, i) => (
          <MenuItem key={item.shortcut} icon={<Sticker />} label={item.sticker ? 'Add to my stickers' : `Add :${item.shortcut}: to my stickers`} onClick={act(() => onSave(i))} />
        ))}
      {onCopy && <MenuItem icon={<Copy />} label="Copy text" onClick={act(onCopy)} />}
      {onEdit && <MenuItem icon={<Pencil />} label="Edit" onClick={act(onEdit)} />}
      {onForward && <MenuItem icon={<Forward />} label="Forward…" onClick={act(onForward)} />}
      {onInfo && <MenuItem icon={<Info />} label="Message info" onClick={act(onInfo)} />}
      <MenuItem icon={<Trash2 />} label="Delete…" danger onClick={act(onDelete)} />
    </div>
  );
}

function MenuItem({ icon, label, onClick, danger = false }: { icon: ReactNode; label: string; onClick(): void; danger?: boolean }) {
  return (
    <button type="button" role="menuitem" tabIndex={-1} className={`menu__item${danger ? ' menu__item--danger' : ''}`} onClick={onClick}>
      <span className="menu__icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </button>
  );
}
