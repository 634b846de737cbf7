import { ImagePlus } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { errorText } from '../../../../shared/errors';
import { useBackend } from '../../app/context';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { FormError } from '../../ui/FormError';

const COLOURS = ['#1f7a5c', '#2f6fed', '#7c3aed', '#c0267a', '#c2410c', '#374151'] as const;
const FONTS = [
  { id: 'sans', label: 'Sans' },
  { id: 'serif', label: 'Serif' },
  { id: 'mono', label: 'Mono' },
  { id: 'script', label: 'Script' },
  { id: 'bold', label: 'Bold' },
] as const;
const MAX = 700;

/** A new status update: text on a colour (with a font), or a photo or video with a caption. */
export function StoryComposer({ onClose, onPosted }: { onClose(): void; onPosted(): void }) {
  const backend = useBackend();
  const [text, setText] = useState('');
  const [background, setBackground] = useState<string>(COLOURS[0]);
  const [font, setFont] = useState<(typeof FONTS)[number]['id']>('sans');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = file ? (file.type.startsWith('video/') ? 'video' : 'image') : 'text';
  const preview = useObjectUrl(file);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (file) {
        const { mediaId } = await backend.upload(file, () => undefined);
        await backend.call('stories.post', { kind, mediaId, ...(text.trim() ? { text } : {}) });
      } else {
        await backend.call('stories.post', { kind: 'text', text, background, font });
      }
      onPosted();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="New status update" onClose={onClose} description="Your contacts see it for 24 hours.">
      <form className="story-composer" onSubmit={(e) => void submit(e)}>
        {file && preview && (
          <figure className="story-composer__media">
            {kind === 'video' ? <video src={preview} muted playsInline controls aria-label={`Video: ${file.name}`} /> : <img src={preview} alt={`Photo: ${file.name}`} />}
          </figure>
        )}
        {!file && (
          <div className={`story-text story-text--${font} story-composer__preview`} style={{ background }}>
            <p>{text || 'Type a status'}</p>
          </div>
        )}
        <label className="field">
          <span className="field__label">{file ? 'Caption' : 'Text'}</span>
          <textarea className="input" value={text} onChange={(e) => setText(e.target.value)} maxLength={MAX} rows={3} required={!file} />
          <span className="field__hint">
            {text.length}/{MAX}
          </span>
        </label>
        {!file && (
          <>
            <fieldset className="story-composer__colours">
              <legend className="field__label">Background</legend>
              {COLOURS.map((c) => (
                <label key={c} className="swatch" style={{ background: c }}>
                  <input type="radio" name="background" value={c} checked={background === c} onChange={() => setBackground(c)} aria-label={`Colour ${c}`} />
                </label>
              ))}
            </fieldset>
            <label className="field">
              <span className="field__label">Font</span>
              <select className="input" value={font} onChange={(e) => setFont(e.target.value as typeof font)}>
                {FONTS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label className="button button--ghost story-composer__file">
          <ImagePlus aria-hidden="true" /> {file ? `${kind === 'video' ? 'Video' : 'Photo'}: ${file.name}` : 'Photo or video…'}
          <input type="file" accept="image/*,video/*" className="sr-only" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        {file && (
          <button type="button" className="button button--ghost" onClick={() => setFile(null)}>
            Use text instead
          </button>
        )}
        <FormError message={error} />
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button button--primary" disabled={busy || (!file && !text.trim())}>
            {busy ? 'Posting…' : 'Post'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** A blob: URL showing the picked file before it is posted, released when it changes. */
function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const made = URL.createObjectURL(file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  return url;
}
