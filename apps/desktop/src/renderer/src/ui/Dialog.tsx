import { ArrowLeft, X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wider dialogs for forms with two columns. */
  size?: 'sm' | 'md';
  description?: string;
  /** A page inside the dialog (settings): a back button before the title. */
  onBack?(): void;
  /** Extra class on the <dialog>, for a feature's own layout. */
  className?: string;
}

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Esc, restores focus to what
 * opened it, and marks everything behind it inert.
 */
export function Dialog({ title, onClose, children, size = 'sm', description, onBack, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="dialog__body">
        <header className="dialog__header">
          {onBack && (
            <button type="button" className="icon-button dialog__back" onClick={onBack} aria-label="Back">
              <ArrowLeft aria-hidden="true" />
            </button>
          )}
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            <X aria-hidden="true" />
          </button>
        </header>
        {description && (
          <p id={descriptionId} className="dialog__description">
            {description}
          </p>
        )}
        {children}
      </div>
    </dialog>
  );
}
