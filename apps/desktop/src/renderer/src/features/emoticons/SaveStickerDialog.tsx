import { useRef, useState, type FormEvent } from 'react';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { useMediaUrl } from '../media/use-media-url';
import { MAX_EMOTICONS } from './AddEmoticonForm';
import type { Emoticon } from './emoticons-data';
import type { SavableEmoticon } from './message-emoticons';
import { freeShortcut, isShortcutRefusal, normaliseShortcut, shortcutProblem } from './shortcut';
import { ShortcutField } from './ShortcutField';
import { useEmoticons } from './use-emoticons';

/**
 * "Add to my stickers" for someone's sticker or custom emoticon: the picture, a free shortcut
 * to keep or change (`party`, or `party-2` when I have one), and the server makes it mine
 * without uploading anything. Its refusals (a taken shortcut, 200 already, the owner deleted
 * it meanwhile) are said here.
 */
export function SaveStickerDialog({ messageId, source, onClose }: { messageId: string; source: SavableEmoticon; onClose(): void }) {
  const emoticons = useEmoticons();
  const [shortcut, setShortcut] = useState(() => freeShortcut(source.shortcut, (s) => emoticons.byShortcut(s) !== undefined));
  const [shortcutError, setShortcutError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Emoticon | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { url } = useMediaUrl(source.mediaId);
  const full = emoticons.items.length >= MAX_EMOTICONS;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const normalised = normaliseShortcut(shortcut);
    const problem = shortcutProblem(normalised) ?? (emoticons.byShortcut(normalised) ? `You already have :${normalised}:` : null);
    setShortcutError(problem);
    if (problem) return input.current?.focus();
    setBusy(true);
    try {
      setSaved(await emoticons.save(messageId, normalised, source.emoticonId));
    } catch (err) {
      const message = errorText(err);
      if (isShortcutRefusal(message)) {
        setShortcutError(message);
        input.current?.focus();
      } else setError(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Add to my stickers" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-label="Add to my stickers">
        <div className="save-sticker__picture">{url ? <img src={url} alt={`:${source.shortcut}:`} draggable={false} /> : <span className="emoticon--loading" aria-hidden="true" />}</div>
        {saved ? (
          <p className="emoticon-form__added" role="status">
            Added :{saved.shortcut}: to your stickers. Send it from the Stickers tab, or type :{saved.shortcut}: in any chat.
          </p>
        ) : (
          <ShortcutField
            inputRef={input}
            value={shortcut}
            onChange={(value) => {
              setShortcut(value);
              setShortcutError(null);
            }}
            error={shortcutError}
            disabled={busy || full}
            autoFocus
          />
        )}
        {full && !saved && (
          <p className="form-error" role="alert">
            You have {MAX_EMOTICONS} stickers and emoticons, the most there can be: delete one in Settings → Stickers & emoticons to add another
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          {saved ? (
            <button type="button" className="button button--primary" onClick={onClose}>
              Done
            </button>
          ) : (
            <>
              <button type="button" className="button button--ghost" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="button button--primary" disabled={busy || full}>
                {busy ? 'Adding…' : 'Add to my stickers'}
              </button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
