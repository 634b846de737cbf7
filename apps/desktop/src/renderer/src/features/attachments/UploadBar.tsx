import { X } from 'lucide-react';
import { formatSize } from '../media/format-media';
import type { UploadState } from './use-attachment-upload';

/** The file going up: name, a progress bar and cancel; or why it failed. */
export function UploadBar({ upload, onCancel }: { upload: UploadState; onCancel(): void }) {
  const percent = upload.total ? Math.round((upload.loaded / upload.total) * 100) : 0;
  return (
    <div className="upload-bar" role="status">
      <div className="upload-bar__text">
        <span className="upload-bar__name">{upload.fileName}</span>
        {upload.error ? (
          <span className="upload-bar__error" role="alert">
            {upload.error}
          </span>
        ) : (
          <span className="upload-bar__details">
            {percent < 100 ? `Uploading… ${formatSize(upload.loaded)} of ${formatSize(upload.total)}` : 'Sending…'}
          </span>
        )}
        {!upload.error && <progress className="upload-bar__progress" max={100} value={percent} aria-label={`Uploading ${upload.fileName}`} />}
      </div>
      <button type="button" className="icon-button icon-button--sm" onClick={onCancel} aria-label={upload.error ? 'Dismiss' : 'Cancel upload'}>
        <X aria-hidden="true" />
      </button>
    </div>
  );
}
