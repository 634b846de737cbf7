import { useEffect, type RefObject } from 'react';

/**
 * A pointer pressed outside `root` closes the popover, except on the button that toggles it
 * (marked `data-emoji-toggle`), which does so itself.
 */
export function useClickOutside(root: RefObject<HTMLElement | null>, onClose: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    function onPointerDown(e: PointerEvent) {
      const target = e.target as Element;
      if (!root.current?.contains(target) && !target.closest?.('[data-emoji-toggle]')) onClose();
    }
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [root, onClose, enabled]);
}
