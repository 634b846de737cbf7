import { useEffect, useMemo, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { caretIn, replaceTyped, useSuggestionList } from '../../ui/use-suggestion-list';
import { loadEmojiGroups, type EmojiGroup } from '../emoji/emoji-data';
import { rememberEmoji } from '../emoji/recent-emoji';
import type { Emoticon } from './emoticons-data';
import { EmoticonImage } from './EmoticonImage';
import { shortcutQueryAt } from './shortcut';
import { insertionOf, shortcutSuggestions, type Suggestion } from './shortcut-suggestions';
import { useEmoticons } from './use-emoticons';

export interface ShortcutAutocomplete {
  /** The suggestion list to show over the composer (null when closed). */
  popup: ReactNode;
  /** Props for the textarea while suggestions are open (combobox semantics). */
  inputProps: { 'aria-controls'?: string; 'aria-activedescendant'?: string; 'aria-autocomplete'?: 'list' };
  /** Handles ↑ ↓ Enter Tab Esc while the list is open; true when the key was used. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
}

/**
 * `:pa` in the composer suggests my emoticons (`:party:`), then standard emoji by name (🎉 party
 * popper), as Slack and Discord do; ↑ ↓ move, Enter or Tab insert, Esc closes until the text
 * changes. My emoticon goes in as `:party:` (the server attaches its picture); an emoji as itself.
 */
export function useShortcutAutocomplete(text: string, setText: (value: string) => void, input: RefObject<HTMLTextAreaElement | null>): ShortcutAutocomplete {
  const emoticons = useEmoticons();
  const [groups, setGroups] = useState<EmojiGroup[] | null>(null);

  const caret = caretIn(input, text);
  const query = shortcutQueryAt(text, caret);

  // The emoji names are a separate chunk: fetched the first time a shortcut is typed.
  const typing = query !== null;
  useEffect(() => {
    if (!typing || groups) return;
    let live = true;
    void loadEmojiGroups().then((g) => live && setGroups(g));
    return () => void (live = false);
  }, [typing, groups]);

  const suggestions = useMemo(() => (query ? shortcutSuggestions<Emoticon>(query.query, emoticons.items, groups) : []), [query?.query, emoticons.items, groups]);
  const list = useSuggestionList(suggestions, text, query?.query, pick);
  const { open, current, optionId } = list;

  function pick(suggestion: Suggestion<Emoticon>) {
    if (!query) return;
    if (suggestion.kind === 'emoji') rememberEmoji(suggestion.emoji);
    replaceTyped(input, text, setText, query.start, caret, insertionOf(suggestion));
  }

  const popup = open ? (
    <ul className="mention-list shortcut-list" id={list.listId} role="listbox" aria-label="Emoji and emoticons">
      {suggestions.map((s, i) => (
        <li
          key={s.kind === 'custom' ? `c:${s.emoticon.id}` : `e:${s.emoji}`}
          id={optionId(i)}
          role="option"
          aria-selected={i === current}
          className={`mention-list__item${i === current ? ' is-active' : ''}`}
          onMouseDown={(e) => {
            // Keep the focus in the textarea.
            e.preventDefault();
            pick(s);
          }}
        >
          {s.kind === 'custom' ? (
            <EmoticonImage shortcut={s.shortcut} mediaId={s.emoticon.mediaId} className="shortcut-list__picture" fallback="blank" decorative />
          ) : (
            <span className="shortcut-list__picture shortcut-list__emoji" aria-hidden="true">
              {s.emoji}
            </span>
          )}
          <span className="shortcut-list__name">:{s.shortcut}:</span>
          {s.kind === 'custom' && <span className="shortcut-list__mine">Yours</span>}
        </li>
      ))}
    </ul>
  ) : null;

  return {
    popup,
    inputProps: list.inputProps,
    onKeyDown: list.onKeyDown,
  };
}
