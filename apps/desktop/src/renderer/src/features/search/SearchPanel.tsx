import { Search, X } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useBackend, useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { errorText } from '../../../../shared/errors';
import { searchTerms } from '../../lib/text-match';
import { Spinner } from '../../ui/Spinner';
import { SearchResultItem } from './SearchResultItem';
import { firstPage, nextPage, type SearchPages } from './search-pages';

const DEBOUNCE_MS = 250;

type SearchState = { kind: 'idle' } | { kind: 'searching' } | ({ kind: 'done' } & SearchPages) | { kind: 'error'; message: string };

/** Ctrl+K: search messages; a result opens its chat and flashes the message. */
export function SearchPanel({ onClose }: { onClose(): void }) {
  const backend = useBackend();
  const messenger = useMessenger();
  const chats = useMessengerState((s) => s.chats);
  const meId = useMessengerState((s) => s.me?.id ?? '');
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const opener = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    const returnTo = opener.current;
    inputRef.current?.focus();
    // Focus returns to where it was when the panel closes.
    return () => void (returnTo instanceof HTMLElement && returnTo.isConnected && returnTo.focus());
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setState({ kind: 'idle' });
      return;
    }
    let live = true;
    setState({ kind: 'searching' });
    const timer = setTimeout(() => {
      firstPage(backend, q)
        .then((pages) => live && setState({ kind: 'done', ...pages }))
        .catch((err: unknown) => live && setState({ kind: 'error', message: errorText(err) }));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [backend, query]);

  function open(chatId: string, messageId: string, seq: number) {
    void messenger.jumpTo(chatId, messageId, seq);
    if (window.matchMedia('(max-width: 720px)').matches) onClose();
  }

  const [loadingMore, setLoadingMore] = useState(false);
  /** The next page of matches, below the ones shown (scrolling to the end asks for it too). */
  async function more() {
    if (state.kind !== 'done' || !state.nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const pages = await nextPage(backend, state);
      setState((now) => (now.kind === 'done' && now.query === pages.query ? { kind: 'done', ...pages } : now));
    } catch (err) {
      setState({ kind: 'error', message: errorText(err) });
    } finally {
      setLoadingMore(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('.search-result') ?? [])];
    if (items.length === 0) return;
    e.preventDefault();
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) items[e.key === 'ArrowDown' ? 0 : items.length - 1]?.focus();
    else if (e.key === 'ArrowUp' && index === 0) inputRef.current?.focus();
    else items[Math.min(items.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1))]?.focus();
  }

  const terms = state.kind === 'done' ? searchTerms(state.query) : [];
  return (
    <aside className="search-panel" aria-label="Search messages" onKeyDown={onKeyDown}>
      <header className="search-panel__header">
        <label className="search-field">
          <Search aria-hidden="true" />
          <span className="sr-only">Search messages</span>
          <input
            ref={inputRef}
            id="search-input"
            className="search-field__input"
            type="search"
            placeholder="Search messages"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close search" title="Close (Esc)">
          <X aria-hidden="true" />
        </button>
      </header>
      <div className="search-panel__body" aria-live="polite" aria-busy={state.kind === 'searching'}>
        {state.kind === 'idle' && <p className="search-panel__hint muted">Type at least two characters to search your messages.</p>}
        {state.kind === 'searching' && <Spinner label="Searching" />}
        {state.kind === 'error' && (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        )}
        {state.kind === 'done' && (
          <>
            {backend.kind === 'desktop' && <p className="search-panel__scope">Searching the messages saved on this device.</p>}
            <p className="sr-only">
              {state.hits.length === 0 ? 'No messages found' : `${state.hits.length}${state.nextCursor ? ' or more' : ''} ${state.hits.length === 1 ? 'message' : 'messages'} found`}
            </p>
            {state.hits.length === 0 ? (
              <p className="search-panel__hint muted">No messages match “{state.query}”.</p>
            ) : (
              <ul ref={listRef} className="search-results">
                {state.hits.map((hit) => (
                  <li key={hit.message.id}>
                    <SearchResultItem hit={hit} chat={chats[hit.chatId]} meId={meId} terms={terms} onOpen={() => open(hit.chatId, hit.message.id, hit.message.seq)} />
                  </li>
                ))}
              </ul>
            )}
            {state.nextCursor && <MoreResults loading={loadingMore} onMore={() => void more()} />}
          </>
        )}
      </div>
    </aside>
  );
}

/** "Show more results", pressed by the user or by scrolling it into view. */
function MoreResults({ loading, onMore }: { loading: boolean; onMore(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = ref.current;
    if (!button || typeof IntersectionObserver === 'undefined') return;
    const watcher = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore());
    watcher.observe(button);
    return () => watcher.disconnect();
  }, [onMore]);
  return (
    <button ref={ref} type="button" className="button search-panel__more" onClick={onMore} disabled={loading}>
      {loading ? 'Loading…' : 'Show more results'}
    </button>
  );
}
