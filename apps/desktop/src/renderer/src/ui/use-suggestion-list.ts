import { useEffect, useId, useState, type KeyboardEvent, type RefObject } from 'react';

export interface SuggestionList {
  open: boolean;
  /** The highlighted suggestion's index. */
  current: number;
  listId: string;
  optionId(index: number): string;
  /** Props for the textarea while the list is open (combobox semantics). */
  inputProps: { 'aria-controls'?: string; 'aria-activedescendant'?: string; 'aria-autocomplete'?: 'list' };
  /** Handles ↑ ↓ Enter Tab Esc while the list is open; true when the key was used. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
}

/**
 * The keyboard and ARIA side of a suggestion list over a text box (@mentions, :shortcuts:):
 * ↑ ↓ move (wrapping), Enter or Tab pick, Esc closes it until the text changes; the highlight
 * goes back to the first suggestion whenever what is being typed (`query`) changes.
 */
export function useSuggestionList<T>(items: readonly T[], text: string, query: string | undefined, pick: (item: T) => void): SuggestionList {
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const listId = useId();
  useEffect(() => setActive(0), [query]);
  const open = items.length > 0 && dismissedAt !== text;
  const current = Math.max(0, Math.min(active, items.length - 1));
  const optionId = (index: number) => `${listId}-${index}`;

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + items.length) % items.length);
      return true;
    }
    if (((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') && !e.nativeEvent.isComposing) {
      e.preventDefault();
      setActive(0);
      pick(items[current]!);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setDismissedAt(text);
      return true;
    }
    return false;
  }

  return {
    open,
    current,
    listId,
    optionId,
    inputProps: open ? { 'aria-controls': listId, 'aria-activedescendant': optionId(current), 'aria-autocomplete': 'list' } : {},
    onKeyDown,
  };
}

/** Where the caret is, once the textarea shows `text` (while React catches up, its end). */
export function caretIn(input: RefObject<HTMLTextAreaElement | null>, text: string): number {
  const box = input.current;
  return box && box.value === text ? box.selectionStart : text.length;
}

/** Puts `inserted` in place of what was typed (`text` from `start` to `end`) and the caret right after it. */
export function replaceTyped(input: RefObject<HTMLTextAreaElement | null>, text: string, setText: (value: string) => void, start: number, end: number, inserted: string): void {
  setText(`${text.slice(0, start)}${inserted}${text.slice(end)}`);
  requestAnimationFrame(() => {
    const at = start + inserted.length;
    input.current?.setSelectionRange(at, at);
    input.current?.focus();
  });
}
