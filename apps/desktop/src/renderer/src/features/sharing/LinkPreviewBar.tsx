import { Link2, X } from 'lucide-react';
import { hostOf } from '../media/format-media';
import type { ComposerLinkPreview } from './use-link-preview';

/** The link's card above the composer, as it will go with the message; × sends it without. */
export function LinkPreviewBar({ preview, onDismiss }: { preview: ComposerLinkPreview; onDismiss(): void }) {
  return (
    <div className="link-preview-bar" data-testid="composer-link-preview">
      <Link2 aria-hidden="true" className="link-preview-bar__icon" />
      <div className="link-preview-bar__text">
        <span className="link-preview-bar__site">{preview.siteName ?? hostOf(preview.url)}</span>
        {preview.title && <span className="link-preview-bar__title">{preview.title}</span>}
        {preview.description && <span className="link-preview-bar__description">{preview.description}</span>}
      </div>
      <button type="button" className="icon-button icon-button--sm" onClick={onDismiss} aria-label="Remove link preview">
        <X aria-hidden="true" />
      </button>
    </div>
  );
}
