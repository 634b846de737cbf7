import { LocateFixed, Radio, SendHorizontal } from 'lucide-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useBackend, useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { LIVE_CHOICES, parseCoordinates } from './coordinates';
import { watchLiveShare } from './live-shares';
import { MapPreview } from './MapPreview';

type Finding = 'finding' | 'found' | 'unavailable';

/**
 * Send where I am: the browser's position when it gives one, else coordinates typed by hand.
 * Sent as a pin, or live for 15 min / 1 h / 8 h (then this window keeps it moving).
 */
export function ShareLocationDialog({ chatId, onClose }: { chatId: string; onClose(): void }) {
  const backend = useBackend();
  const messenger = useMessenger();
  const [finding, setFinding] = useState<Finding>('finding');
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [name, setName] = useState('');
  const [live, setLive] = useState<number>(LIVE_CHOICES[0].seconds);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { lat: useId(), lng: useId(), name: useId() };

  function locate() {
    if (!('geolocation' in navigator)) return setFinding('unavailable');
    setFinding('finding');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLat(position.coords.latitude.toFixed(6));
        setLng(position.coords.longitude.toFixed(6));
        setFinding('found');
      },
      () => setFinding('unavailable'),
      { enableHighAccuracy: true, timeout: 8_000, maximumAge: 30_000 },
    );
  }
  useEffect(locate, []);

  const parsed = parseCoordinates(lat, lng);
  const point = typeof parsed === 'string' ? null : parsed;

  async function send(liveForSeconds?: number) {
    if (!point) return setError(parsed as string);
    setBusy(true);
    setError(null);
    try {
      const shareId = await messenger.shareLocation({ chatId, ...point, ...(name.trim() && !liveForSeconds ? { name: name.trim() } : {}), ...(liveForSeconds ? { liveForSeconds } : {}) });
      if (shareId && liveForSeconds) watchLiveShare(backend, shareId, new Date(Date.now() + liveForSeconds * 1000).toISOString(), point);
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Share location" onClose={onClose}>
      <form
        className="stack share-location"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void send();
        }}
      >
        <MapPreview lat={point?.lat ?? null} lng={point?.lng ?? null} />
        <p className="share-location__status" role="status">
          {finding === 'finding' && 'Finding your location…'}
          {finding === 'found' && 'Your current location. You can change it below.'}
          {finding === 'unavailable' && 'Your location is not available here. Enter the coordinates instead.'}
          {finding !== 'finding' && (
            <button type="button" className="button button--ghost button--small" onClick={locate}>
              <LocateFixed aria-hidden="true" /> Use my location
            </button>
          )}
        </p>
        <div className="share-location__coords">
          <label className="field" htmlFor={ids.lat}>
            <span className="field__label">Latitude</span>
            <input id={ids.lat} className="input" inputMode="decimal" value={lat} placeholder="52.52000" onChange={(e) => setLat(e.target.value)} />
          </label>
          <label className="field" htmlFor={ids.lng}>
            <span className="field__label">Longitude</span>
            <input id={ids.lng} className="input" inputMode="decimal" value={lng} placeholder="13.40500" onChange={(e) => setLng(e.target.value)} />
          </label>
        </div>
        <label className="field" htmlFor={ids.name}>
          <span className="field__label">Place name (optional)</span>
          <input id={ids.name} className="input" value={name} maxLength={200} placeholder="e.g. Café on the corner" onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={busy || !point}>
          <SendHorizontal aria-hidden="true" /> Send this location
        </button>
        <fieldset className="share-location__live">
          <legend className="field__label">Share live location</legend>
          <div className="share-location__durations" role="radiogroup" aria-label="Share live for">
            {LIVE_CHOICES.map((choice) => (
              <label key={choice.seconds} className="chip-radio">
                <input type="radio" name="live-for" checked={live === choice.seconds} onChange={() => setLive(choice.seconds)} />
                <span>{choice.label}</span>
              </label>
            ))}
          </div>
          <button type="button" className="button button--ghost" disabled={busy || !point} onClick={() => void send(live)}>
            <Radio aria-hidden="true" /> Share live location
          </button>
        </fieldset>
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
