import { Copy, QrCode, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Spinner } from '../../ui/Spinner';

type QrState = { kind: 'loading' } | { kind: 'ready'; token: string; url: string } | { kind: 'error'; text: string };

/**
 * My QR code: scanning it (or pasting the code under it) starts a chat with me. The server's SVG
 * is shown through <img> from a blob URL — an image cannot run scripts, and nothing is inlined.
 */
export function QrCodeCard() {
  const backend = useBackend();
  const [state, setState] = useState<QrState>({ kind: 'loading' });
  const [copied, setCopied] = useState(false);
  /** Bumped by "Reset code": the effect then asks for a new code instead of the current one. */
  const [rotations, setRotations] = useState(0);
  const [rotated, setRotated] = useState(false);

  useEffect(() => {
    let url: string | null = null;
    let live = true;
    (rotations === 0 ? backend.call('me.qrCode') : backend.call('me.rotateQr'))
      .then((qr) => {
        url = URL.createObjectURL(new Blob([qr.svg], { type: 'image/svg+xml' }));
        if (live) {
          setState({ kind: 'ready', token: qr.token, url });
          setCopied(false);
          setRotated(rotations > 0);
        }
      })
      .catch((err: unknown) => {
        if (!live) return;
        setState({ kind: 'error', text: errorText(err) });
      });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [backend, rotations]);

  return (
    <section className="qr-card" aria-labelledby="qr-heading">
      <h3 id="qr-heading" className="settings__heading">
        <QrCode aria-hidden="true" /> Your QR code
      </h3>
      {state.kind === 'loading' && <Spinner label="Loading QR code" />}
      {state.kind === 'error' && <p className="muted">{state.text}</p>}
      {state.kind === 'ready' && (
        <div className="qr-card__body">
          <img className="qr-card__image" src={state.url} alt="QR code that starts a chat with you" width={176} height={176} />
          <div className="qr-card__token">
            <p className="field__hint">Others can scan it, or paste this code in New chat → New contact → QR code.</p>
            <code className="qr-card__code">{state.token}</code>
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(state.token)
                  .then(() => setCopied(true))
                  .catch(() => undefined)
              }
            >
              <Copy aria-hidden="true" />
              {copied ? 'Copied' : 'Copy code'}
            </button>
            <button type="button" className="button button--small button--ghost" onClick={() => setRotations((n) => n + 1)}>
              <RefreshCw aria-hidden="true" />
              Reset QR code
            </button>
            <p className="field__hint" role="status">
              {rotated ? 'New code made. The old one no longer works.' : 'Resetting makes the old code stop working.'}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
