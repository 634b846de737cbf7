import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Sticker } from 'lucide-react';
import { Spinner } from '../../ui/Spinner';
import { useClickOutside } from './use-click-outside';
import { loadEmojiGroups, searchEmoji, type Emoji, type EmojiGroup } from './emoji-data';
import { recentEmoji, rememberEmoji, setSkinTone, skinTone } from './recent-emoji';

const COLUMNS = 8;
const TONES = ['✋', '✋🏻', '✋🏼', '✋🏽', '✋🏾', '✋🏿'];
const TONE_NAMES = ['Default', 'Light', 'Medium-light', 'Medium', 'Medium-dark', 'Dark'];

interface EmojiPickerProps {
  label: string;
  onPick(emoji: string): void;
  onClose(): void;
  /** Inside a larger picker (the composer's, with stickers), which closes on a click outside itself. */
  embedded?: boolean;
  /** Pictures of my own (custom emoticons, for reactions), first as "Mine"; the search matches their names. */
  mine?: MineItem[];
}

export interface MineItem {
  id: string;
  /** Its name (`:party:`): label, tooltip and what the search matches. */
  name: string;
  picture: ReactNode;
  onPick(): void;
}

/**
 * Every emoji, by category, with search, recents and skin tone — for the composer and for
 * reactions. Typing searches; arrow keys move through the grid; Enter picks; Esc closes.
 */
export function EmojiPicker({ label, onPick, onClose, embedded = false, mine = [] }: EmojiPickerProps) {
  const [groups, setGroups] = useState<EmojiGroup[] | null>(null);
  const [query, setQuery] = useState('');
  const [tone, setTone] = useState(skinTone);
  const [hovered, setHovered] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const recents = useMemo(recentEmoji, []);
  const root = useRef<HTMLDivElement>(null);

  // A click outside closes it (except on the button that toggles it, which does so itself).
  useClickOutside(root, onClose, !embedded);

  useEffect(() => {
    let live = true;
    void loadEmojiGroups().then((g) => live && setGroups(g));
    search.current?.focus();
    return () => {
      live = false;
    };
  }, []);

  const sections = useMemo(() => {
    if (!groups) return [];
    if (query.trim()) return [{ id: -2, label: 'Search results', emojis: searchEmoji(groups, query) }];
    const byEmoji = new Map(groups.flatMap((g) => g.emojis.map((e) => [e.emoji, e] as const)));
    const recent = recents.map((e) => byEmoji.get(e) ?? { emoji: e, label: e, words: [] });
    return [...(recent.length ? [{ id: -1, label: 'Recently used', emojis: recent }] : []), ...groups];
  }, [groups, query, recents]);

  const needle = query.trim().toLowerCase();
  const mineShown = needle ? mine.filter((m) => m.name.toLowerCase().includes(needle)) : mine;

  const withTone = (e: Emoji) => (tone > 0 && e.skins ? e.skins[tone - 1]! : e.emoji);

  function pick(emoji: string) {
    rememberEmoji(emoji);
    onPick(emoji);
  }

  function buttons(): HTMLButtonElement[] {
    return [...(body.current?.querySelectorAll<HTMLButtonElement>('.emoji-picker__emoji') ?? [])];
  }

  function onGridKeyDown(e: KeyboardEvent) {
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = index + step;
    if (next < 0) search.current?.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  }

  function onSearchKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const first = buttons()[0];
    if (e.key === 'ArrowDown' && first) {
      e.preventDefault();
      first.focus();
    } else if (e.key === 'Enter' && first) {
      e.preventDefault();
      first.click();
    }
  }

  // The one grid button reachable with Tab (the arrow keys move from it).
  const firstEmoji = mineShown.length > 0 ? null : sections[0]?.emojis[0]?.emoji;
  return (
    <div ref={root} className={`emoji-picker${embedded ? ' emoji-picker--embedded' : ''}`} role={embedded ? undefined : 'dialog'} aria-label={embedded ? undefined : label} onKeyDown={onKeyDown}>
      <div className="emoji-picker__top">
        <input
          ref={search}
          type="search"
          className="emoji-picker__search"
          placeholder="Search emoji"
          aria-label="Search emoji"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKeyDown}
        />
        <div className="emoji-picker__tones" role="radiogroup" aria-label="Skin tone">
          {TONES.map((t, i) => (
            <button
              key={t}
              type="button"
              role="radio"
              aria-checked={tone === i}
              aria-label={`${TONE_NAMES[i]} skin tone`}
              className={`emoji-picker__tone${tone === i ? ' is-selected' : ''}`}
              onClick={() => {
                setTone(i);
                setSkinTone(i);
              }}
            >
              {t}
            </button>
          ))}
        </div>
      </div>
      {!query.trim() && groups && (
        <nav className="emoji-picker__tabs" aria-label="Emoji categories">
          {mineShown.length > 0 && (
            <button type="button" className="emoji-picker__tab" aria-label="Mine" title="Mine" onClick={() => body.current?.querySelector('[data-section="mine"]')?.scrollIntoView({ block: 'start' })}>
              <Sticker aria-hidden="true" />
            </button>
          )}
          {sections.map((s) => (
            <button
              key={s.id}
              type="button"
              className="emoji-picker__tab"
              aria-label={s.label}
              title={s.label}
              onClick={() => body.current?.querySelector(`[data-section="${s.id}"]`)?.scrollIntoView({ block: 'start' })}
            >
              {'icon' in s ? s.icon : '🕘'}
            </button>
          ))}
        </nav>
      )}
      <div ref={body} className="emoji-picker__body" onKeyDown={onGridKeyDown}>
        {!groups && <Spinner label="Loading emoji" />}
        {mineShown.length > 0 && (
          <section data-section="mine" aria-label="Mine">
            <h3 className="emoji-picker__heading">Mine</h3>
            <div className="emoji-picker__grid">
              {mineShown.map((m, i) => (
                <button
                  key={m.id}
                  type="button"
                  className="emoji-picker__emoji emoji-picker__mine"
                  aria-label={m.name}
                  title={m.name}
                  tabIndex={i === 0 ? 0 : -1}
                  onMouseEnter={() => setHovered(m.name)}
                  onFocus={() => setHovered(m.name)}
                  onClick={m.onPick}
                >
                  {m.picture}
                </button>
              ))}
            </div>
          </section>
        )}
        {groups && mineShown.length === 0 && sections.every((s) => s.emojis.length === 0) && <p className="emoji-picker__empty">No emoji match “{query.trim()}”</p>}
        {sections.map(
          (s) =>
            s.emojis.length > 0 && (
              <section key={s.id} data-section={s.id} aria-label={s.label}>
                <h3 className="emoji-picker__heading">{s.label}</h3>
                <div className="emoji-picker__grid">
                  {s.emojis.map((e) => {
                    const shown = s.id === -1 ? e.emoji : withTone(e);
                    return (
                      <button
                        key={e.emoji}
                        type="button"
                        className="emoji-picker__emoji"
                        aria-label={e.label}
                        title={e.label}
                        tabIndex={e.emoji === firstEmoji ? 0 : -1}
                        onMouseEnter={() => setHovered(e.label)}
                        onFocus={() => setHovered(e.label)}
                        onClick={() => pick(shown)}
                      >
                        {shown}
                      </button>
                    );
                  })}
                </div>
              </section>
            ),
        )}
      </div>
      <p className="emoji-picker__footer" aria-live="polite">
        {hovered ?? 'Pick an emoji'}
      </p>
    </div>
  );
}
