import { ImagePlus } from 'lucide-react';
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { errorText } from '../../../../shared/errors';
import type { UploadProgress } from '../../lib/backend';
import { formatSize } from '../media/format-media';
import type { Emoticon } from './emoticons-data';
import { isShortcutRefusal, normaliseShortcut, shortcutFromFileName, shortcutProblem } from './shortcut';
import { ShortcutField } from './ShortcutField';
import { useEmoticons } from './use-emoticons';

/** What the server turns into an emoticon (it re-encodes each to a 128 px WebP). */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
/** A picture this big is plenty for 128 px; bigger ones are a mistake (a photo straight off a camera). */
const SOURCE_MAX_MB = 5;
export const EMOTICON_SOURCE_MAX_BYTES = SOURCE_MAX_MB * 1024 * 1024;
/** The server's limit per person (emoticons/store-emoticon.ts), said before the upload. */
export const MAX_EMOTICONS = 200;

type Stage = { step: 'idle' } | { step: 'uploading'; progress: UploadProgress } | { step: 'resizing' };

/** Why this file cannot be an emoticon, before anything is uploaded; null when it may. */
export function fileProblem(file: File): string | null {
  if (!IMAGE_TYPES.includes(file.type)) return 'Choose a PNG, JPEG, GIF or WebP image';
  if (file.size > EMOTICON_SOURCE_MAX_BYTES) return `This image is ${formatSize(file.size)}; an emoticon is made from an image of up to ${SOURCE_MAX_MB} MB`;
  return null;
}

/**
 * Adds one emoticon: pick or drop an image, name its `:shortcut:`, and it goes up with a progress
 * bar; the server resizes it. Each refusal (a taken or malformed shortcut, a file too big, the
 * limit reached) is said beside the field it concerns.
 */
export function AddEmoticonForm({ onAdded, autoFocus = false }: { onAdded?(emoticon: Emoticon): void; autoFocus?: boolean }) {
  const emoticons = useEmoticons();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [shortcutError, setShortcutError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const shortcutInput = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const ids = { fileHint: useId() };
  const busy = stage.step !== 'idle';
  const full = emoticons.items.length >= MAX_EMOTICONS;

  useEffect(() => {
    if (autoFocus) chooseButton.current?.focus();
  }, [autoFocus]);
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function choose(picked: File) {
    setError(null);
    setAdded(null);
    const problem = fileProblem(picked);
    setFileError(problem);
    if (problem) return setFile(null);
    setFile(picked);
    if (!shortcut.trim()) setShortcut(shortcutFromFileName(picked.name));
    requestAnimationFrame(() => shortcutInput.current?.focus());
  }

  function problemWith(value: string): string | null {
    const normalised = normaliseShortcut(value);
    return shortcutProblem(normalised) ?? (emoticons.byShortcut(normalised) ? `You already have :${normalised}:` : null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setAdded(null);
    if (full) return setError(`You can have up to ${MAX_EMOTICONS} emoticons; delete one first`);
    if (!file) {
      setFileError('Choose an image first');
      return chooseButton.current?.focus();
    }
    const problem = problemWith(shortcut);
    setShortcutError(problem);
    if (problem) return shortcutInput.current?.focus();

    const controller = new AbortController();
    abort.current = controller;
    setStage({ step: 'uploading', progress: { loaded: 0, total: file.size } });
    try {
      const emoticon = await emoticons.create(file, normaliseShortcut(shortcut), (progress) => setStage(progress.loaded >= progress.total ? { step: 'resizing' } : { step: 'uploading', progress }), controller.signal);
      setFile(null);
      setShortcut('');
      setAdded(emoticon.shortcut);
      onAdded?.(emoticon);
      chooseButton.current?.focus();
    } catch (err) {
      if (controller.signal.aborted) return;
      const message = errorText(err);
      // A shortcut the server refused belongs beside the shortcut; anything else under the form.
      if (isShortcutRefusal(message)) {
        setShortcutError(message);
        shortcutInput.current?.focus();
      } else setError(message);
    } finally {
      if (abort.current === controller) abort.current = null;
      setStage({ step: 'idle' });
    }
  }

  function cancel() {
    abort.current?.abort();
    abort.current = null;
    setStage({ step: 'idle' });
  }

  const drop = {
    onDragOver(e: DragEvent) {
      if (busy || ![...e.dataTransfer.types].includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave() {
      setDragging(false);
    },
    onDrop(e: DragEvent) {
      if (busy) return;
      e.preventDefault();
      setDragging(false);
      const dropped = e.dataTransfer.files[0];
      if (dropped) choose(dropped);
    },
  };

  const percent = stage.step === 'uploading' && stage.progress.total ? Math.round((stage.progress.loaded / stage.progress.total) * 100) : 100;
  return (
    <form className="emoticon-form" onSubmit={(e) => void submit(e)} aria-label="Add an emoticon" noValidate>
      <div className={`emoticon-drop${dragging ? ' is-dragging' : ''}${file ? ' has-file' : ''}`} {...drop}>
        {preview ? <img className="emoticon-drop__preview" src={preview} alt="The picked image" /> : <ImagePlus className="emoticon-drop__icon" aria-hidden="true" />}
        <div className="emoticon-drop__text">
          <span className="emoticon-drop__title">{file ? file.name : 'Drop an image here'}</span>
          <span id={ids.fileHint} className="field__hint">
            {file ? formatSize(file.size) : `PNG, JPEG, GIF or WebP up to ${SOURCE_MAX_MB} MB. It is resized to 128 px; animations keep moving.`}
          </span>
        </div>
        <button ref={chooseButton} type="button" className="button button--small" onClick={() => fileInput.current?.click()} disabled={busy} aria-describedby={ids.fileHint}>
          {file ? 'Change image' : 'Choose image'}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={IMAGE_TYPES.join(',')}
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="emoticon-file"
          onChange={(e) => {
            const picked = e.target.files?.[0];
            if (picked) choose(picked);
            e.target.value = '';
          }}
        />
      </div>
      {fileError && (
        <p className="form-error" role="alert">
          {fileError}
        </p>
      )}
      <ShortcutField
        inputRef={shortcutInput}
        value={shortcut}
        onChange={(value) => {
          setShortcut(value);
          setShortcutError(null);
          setAdded(null);
        }}
        onBlur={() => shortcut.trim() && setShortcutError(problemWith(shortcut))}
        error={shortcutError}
        disabled={busy}
      />
      {stage.step !== 'idle' && (
        <div className="emoticon-form__progress" role="status">
          <progress max={100} value={percent} aria-label="Uploading the image" />
          <span className="progress__text">{stage.step === 'uploading' ? `Uploading… ${percent}%` : 'Resizing…'}</span>
          {/* Once the server is resizing it, the emoticon is as good as made: nothing to cancel. */}
          {stage.step === 'uploading' && (
            <button type="button" className="button button--ghost button--small" onClick={cancel}>
              Cancel
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {added && (
        <p className="emoticon-form__added" role="status">
          Added :{added}:
        </p>
      )}
      <div className="emoticon-form__actions">
        {full ? (
          <span className="form-error" role="status">
            You have {MAX_EMOTICONS} emoticons, the most there can be: delete one to add another
          </span>
        ) : (
          <span className="muted">
            {emoticons.items.length} of {MAX_EMOTICONS}
          </span>
        )}
        <button type="submit" className="button button--primary" disabled={busy || full}>
          Add emoticon
        </button>
      </div>
    </form>
  );
}
