import type { ReactNode } from 'react';

/** A dialog's buttons: Cancel (or another way out) first, then the action. */
export function DialogActions({ onCancel, cancelLabel = 'Cancel', children }: { onCancel(): void; cancelLabel?: string; children?: ReactNode }) {
  return (
    <div className="dialog__actions">
      <button type="button" className="button button--ghost" onClick={onCancel}>
        {cancelLabel}
      </button>
      {children}
    </div>
  );
}
