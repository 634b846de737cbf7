import { FormError } from '../../ui/FormError';
import QRCode from 'qrcode';
import { Copy, Link2, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';

/** Admins: the group's invite link, a copy button, its QR code and revoking it. */
export function InviteLinkSection({ chatId }: { chatId: string }) {
  const backend = useBackend();
  const [link, setLink] = useState<{ code: string; url: string } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!link) return setQr(null);
    let live = true;
    // A data: URL in an <img>: no script, allowed by the page's CSP (img-src data:).
    void QRCode.toDataURL(link.url, { margin: 1, width: 192 }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [link]);

  async function run(action: () => Promise<void>) {
    setError(null);
    setStatus(null);
    try {
      await action();
    } catch (err) {
      setError(errorText(err));
    }
  }

  const show = () => run(async () => setLink(await backend.call('groups.inviteLink', { chatId })));
  const copy = () => run(async () => {
    await navigator.clipboard.writeText(link!.url);
    setStatus('Link copied.');
  });
  const revoke = () => run(async () => {
    await backend.call('groups.revokeInviteLink', { chatId });
    setLink(null);
    setStatus('The link was revoked: it no longer works.');
  });

  return (
    <section className="group-info__section" aria-labelledby={`invite-${chatId}`}>
      <h3 className="group-info__heading" id={`invite-${chatId}`}>
        Invite link
      </h3>
      {link ? (
        <div className="invite-link">
          <code className="invite-link__url" data-testid="invite-url">
            {link.url}
          </code>
          {qr && <img className="invite-link__qr" src={qr} alt="QR code of the invite link" width={192} height={192} />}
          <div className="invite-link__actions">
            <button type="button" className="button button--ghost button--small" onClick={() => void copy()}>
              <Copy aria-hidden="true" /> Copy link
            </button>
            <button type="button" className="button button--ghost button--small button--danger" onClick={() => void revoke()}>
              <Trash2 aria-hidden="true" /> Revoke link
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--ghost button--small" onClick={() => void show()}>
          <Link2 aria-hidden="true" /> Show invite link
        </button>
      )}
      {status && (
        <p className="form-notice" role="status">
          {status}
        </p>
      )}
      <FormError message={error} />
    </section>
  );
}
