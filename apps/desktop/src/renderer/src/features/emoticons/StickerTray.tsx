import { Plus } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { AddEmoticonForm } from './AddEmoticonForm';
import type { Emoticon } from './emoticons-data';
import { EmoticonImage } from './EmoticonImage';
import { useEmoticons } from './use-emoticons';

const COLUMNS = 4;

/**
 * The Stickers tab beside the emoji: my emoticons, large; a click sends one as a sticker and the
 * tray stays open for another, as in WhatsApp and Telegram. "+" adds one without leaving the chat.
 */
export function StickerTray({ onSend, autoFocus = false }: { onSend(emoticon: Emoticon): Promise<void>; autoFocus?: boolean }) {
  const emoticons = useEmoticons();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const focused = useRef(false);

  // Once the stickers are there: the first one (or "+" when there are none).
  useEffect(() => {
    if (!autoFocus || !emoticons.loaded || focused.current) return;
    focused.current = true;
    const first = grid.current?.querySelector<HTMLButtonElement>('.sticker-tray__item:not(.sticker-tray__add)') ?? grid.current?.querySelector<HTMLButtonElement>('.sticker-tray__add');
    first?.focus();
  }, [autoFocus, emoticons.loaded]);

  async function send(emoticon: Emoticon) {
    // One at a time; the button stays enabled (and focused) so the keyboard stays in the tray.
    if (sending) return;
    setError(null);
    setSending(emoticon.id);
    try {
      await onSend(emoticon);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSending(null);
    }
  }

  function onGridKeyDown(e: KeyboardEvent) {
    const all = [...(grid.current?.querySelectorAll<HTMLButtonElement>('.sticker-tray__item') ?? [])];
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    if (index < 0 || step === undefined) return;
    e.preventDefault();
    all[Math.max(0, Math.min(index + step, all.length - 1))]?.focus();
  }

  return (
    <div className="sticker-tray">
      {!emoticons.loaded ? (
        emoticons.error ? (
          <p className="form-error" role="alert">
            {errorText(emoticons.error)}
          </p>
        ) : (
          <Spinner label="Loading your stickers" />
        )
      ) : (
        <>
          {emoticons.items.length === 0 && <p className="sticker-tray__empty">No stickers yet. Make one from any picture: it is also yours to type as :shortcut:.</p>}
          <div ref={grid} className="sticker-tray__grid" role="group" aria-label="Your stickers" onKeyDown={onGridKeyDown}>
            <button type="button" className="sticker-tray__item sticker-tray__add" onClick={() => setAdding(true)} aria-label="Add a sticker" title="Add a sticker">
              <Plus aria-hidden="true" />
            </button>
            {emoticons.items.map((e) => (
              <button
                key={e.id}
                type="button"
                className="sticker-tray__item"
                onClick={() => void send(e)}
                aria-busy={sending === e.id}
                aria-label={`Send sticker :${e.shortcut}:`}
                title={`:${e.shortcut}:`}
                tabIndex={-1}
              >
                <EmoticonImage shortcut={e.shortcut} mediaId={e.mediaId} className="sticker-tray__picture" fallback="blank" decorative />
              </button>
            ))}
          </div>
        </>
      )}
      {error && (
        <p className="form-error sticker-tray__error" role="alert">
          {error}
        </p>
      )}
      {adding && (
        <Dialog title="Add a sticker" onClose={() => setAdding(false)}>
          <AddEmoticonForm autoFocus onAdded={() => setAdding(false)} />
        </Dialog>
      )}
    </div>
  );
}
