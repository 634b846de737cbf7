import { Camera } from 'lucide-react';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useBackend } from '../app/context';
import type { UploadProgress } from '../lib/backend';

/** What the server accepts as a photo (profile photo, group image). */
const IMAGE_TYPES = 'image/png,image/jpeg,image/webp,image/gif';

interface PhotoPickerProps {
  /** The button's text: "Change photo", "Change group photo"… */
  label: string;
  disabled?: boolean;
  /** Runs before the upload starts (clear an earlier status). */
  onStart?(): void;
  /** Gets the uploaded image's media id and puts it to use (set it as the avatar…). */
  onUploaded(mediaId: string): Promise<void>;
  /** The upload, or `onUploaded`, failed. */
  onError(error: unknown): void;
  /** Further actions beside the button ("Remove photo"). */
  children?: ReactNode;
}

/**
 * "Change photo": opens the file chooser, uploads the picked image with a progress bar and hands
 * its media id on. One photo at a time; the button is off until the last one is done.
 */
export function PhotoPicker({ label, disabled = false, onStart, onUploaded, onError, children }: PhotoPickerProps) {
  const backend = useBackend();
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();

  async function uploadPhoto(file: File) {
    onStart?.();
    setUpload({ loaded: 0, total: file.size });
    try {
      const { mediaId } = await backend.upload(file, setUpload);
      await onUploaded(mediaId);
    } catch (err) {
      onError(err);
    } finally {
      setUpload(null);
      // The same file picked again is a change too.
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  const percent = upload?.total ? Math.round((upload.loaded / upload.total) * 100) : 0;
  return (
    <div className="photo-picker">
      <div className="photo-picker__actions">
        <button type="button" className="button button--small" onClick={() => fileInput.current?.click()} disabled={upload !== null || disabled} aria-describedby={hintId}>
          <Camera aria-hidden="true" />
          {label}
        </button>
        {children}
      </div>
      <input ref={fileInput} type="file" accept={IMAGE_TYPES} className="sr-only" tabIndex={-1} aria-hidden="true" onChange={(e) => e.target.files?.[0] && void uploadPhoto(e.target.files[0])} />
      <span id={hintId} className="field__hint">
        PNG, JPEG, WebP or GIF.
      </span>
      {upload && (
        <label className="progress">
          <span className="sr-only">Uploading photo</span>
          <progress max={upload.total || 1} value={upload.loaded} />
          <span className="progress__text">{percent}%</span>
        </label>
      )}
    </div>
  );
}
