import { useMemo, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { ChatView } from '../../lib/backend';
import { Avatar } from '../../ui/Avatar';
import { caretIn, replaceTyped, useSuggestionList } from '../../ui/use-suggestion-list';
import { useGroupMembers } from './use-group-data';

interface Candidate {
  id: string;
  name: string;
  avatarMediaId: string | null;
}

export interface Mentions {
  /** The suggestion list to show over the composer (null when closed). */
  popup: ReactNode;
  /** Props for the textarea while suggestions are open (combobox semantics). */
  inputProps: { 'aria-controls'?: string; 'aria-activedescendant'?: string; 'aria-autocomplete'?: 'list' };
  /** Handles ↑ ↓ Enter Tab Esc while the list is open; true when the key was used. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
  /** Ids of the people still mentioned by "@Name" in the text being sent. */
  idsIn(text: string): string[];
}

/** "@" in a group's composer suggests its members; picking one inserts "@Name " and remembers who. */
export function useMentions(chat: ChatView, meId: string, text: string, setText: (value: string) => void, input: RefObject<HTMLTextAreaElement | null>): Mentions {
  const members = useGroupMembers(chat.id, chat.kind === 'group');
  const [picked, setPicked] = useState<Map<string, string>>(() => new Map());

  const caret = caretIn(input, text);
  const query = /(?:^|\s)@([\p{L}\p{N}_.-]{0,30})$/u.exec(text.slice(0, caret));
  const typed = query?.[1];
  const candidates = useMemo<Candidate[]>(() => {
    if (typed === undefined || !members) return [];
    const q = typed.toLocaleLowerCase();
    return members
      .filter((m) => m.user.id !== meId)
      .map((m) => ({ id: m.user.id, name: m.user.name || m.user.phone || 'Member', avatarMediaId: m.user.avatarMediaId }))
      .filter((c) => c.name.toLocaleLowerCase().includes(q))
      .slice(0, 8);
  }, [typed, members, meId]);
  const list = useSuggestionList(candidates, text, typed, pick);
  const { open, current, optionId } = list;

  function pick(candidate: Candidate) {
    if (!query) return;
    setPicked((m) => new Map(m).set(candidate.name, candidate.id));
    replaceTyped(input, text, setText, caret - query[1]!.length - 1, caret, `@${candidate.name} `);
  }

  const popup = open ? (
    <ul className="mention-list" id={list.listId} role="listbox" aria-label="Mention someone">
      {candidates.map((c, i) => (
        <li
          key={c.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === current}
          className={`mention-list__item${i === current ? ' is-active' : ''}`}
          onMouseDown={(e) => {
            // Keep the focus in the textarea.
            e.preventDefault();
            pick(c);
          }}
        >
          <Avatar id={c.id} name={c.name} mediaId={c.avatarMediaId} size="sm" />
          <span>{c.name}</span>
        </li>
      ))}
    </ul>
  ) : null;

  return {
    popup,
    inputProps: list.inputProps,
    onKeyDown: list.onKeyDown,
    idsIn: (value) => [...new Set([...picked].filter(([name]) => value.includes(`@${name}`)).map(([, id]) => id))],
  };
}
