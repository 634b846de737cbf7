import { Copy, Share2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { FormError } from '../../ui/FormError';

const INVITE_TEXT = 'Let’s chat on Confab, a private messenger. Add me with this link:';

/**
 * My invite link (the link of my profile code: opening it adds me as a contact), with Copy and,
 * where the system has one, its share sheet. What to fall back to when a text cannot be sent.
 */
export function ShareInviteLink() {
  const backend = useBackend();
  const [link, setLink] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canShare = typeof navigator.share === 'function';

  useEffect(() => {
    let live = true;
    void backend.call('me.qrCode').then(
      (code) => live && setLink(code.url),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [backend]);

  async function copy() {
    setError(null);
    try {
      await navigator.clipboard.writeText(link!);
      setStatus('Link copied.');
    } catch {
      setError('Could not copy: select the link and copy it yourself.');
    }
  }

  async function share() {
    setError(null);
    try {
      await navigator.share({ title: 'Confab', text: INVITE_TEXT, url: link! });
    } catch (err) {
      // Closing the share sheet is not a failure.
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError('Could not open the share menu: copy the link instead.');
    }
  }

  return (
    <div className="share-invite" role="group" aria-label="Your invite link">
      <code className="share-invite__url" data-testid="invite-link">
        {link ?? '…'}
      </code>
      <div className="share-invite__actions">
        <button type="button" className="button button--small" disabled={!link} onClick={() => void copy()}>
          <Copy aria-hidden="true" /> Copy link
        </button>
        {canShare && (
          <button type="button" className="button button--small button--primary" disabled={!link} onClick={() => void share()}>
            <Share2 aria-hidden="true" /> Share…
          </button>
        )}
      </div>
      {status && (
        <p className="form-notice" role="status">
          {status}
        </p>
      )}
      <FormError message={error} />
    </div>
  );
}
