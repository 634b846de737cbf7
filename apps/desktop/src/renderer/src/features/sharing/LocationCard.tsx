import { ExternalLink, Radio } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import type { MessageView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { formatCoordinates, mapsLink } from './coordinates';
import { stopLiveShare } from './live-shares';
import { MapPreview } from './MapPreview';

interface LocationMeta {
  lat: number;
  lng: number;
  name: string | null;
  address: string | null;
  zoom: number;
}
interface LiveMeta {
  shareId: string;
  expiresAt: string;
  endedAt: string | null;
  updatedAt: string;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** True until the share ends; re-renders by itself when its time runs out. */
function useStillLive(live: LiveMeta | null): boolean {
  const [, tick] = useState(0);
  const remaining = live && !live.endedAt ? new Date(live.expiresAt).getTime() - Date.now() : 0;
  useEffect(() => {
    if (remaining <= 0) return;
    const timer = setTimeout(() => tick((n) => n + 1), Math.min(remaining + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [remaining > 0, live?.expiresAt]);
  return remaining > 0;
}

/** A shared place or a live location: the pin moves as the sharer's updates arrive; the sharer can stop it. */
export function LocationCard({ message }: { message: MessageView }) {
  const backend = useBackend();
  const meId = useMessengerState((s) => s.me?.id);
  const [error, setError] = useState<string | null>(null);
  const place = (message.meta?.location as LocationMeta | undefined) ?? null;
  const live = (message.meta?.live as LiveMeta | undefined) ?? null;
  const stillLive = useStillLive(live);
  if (!place) return null;
  const title = live ? (stillLive ? 'Live location' : 'Live location ended') : (place.name ?? 'Shared location');
  return (
    <div className={`location-card location-card--map${stillLive ? ' is-live' : ''}`} data-testid="location-card" data-live={live ? (stillLive ? 'live' : 'ended') : undefined}>
      <MapPreview lat={place.lat} lng={place.lng} live={stillLive} coords={false} />
      <span className="location-card__text">
        <span className="location-card__name">
          {live && <Radio aria-hidden="true" className="location-card__live-icon" />}
          {title}
        </span>
        {place.address && <span className="location-card__address">{place.address}</span>}
        {live && (
          <span className="location-card__address">
            {stillLive ? `Until ${time(live.expiresAt)} · updated ${time(live.updatedAt)}` : `Last updated ${time(live.updatedAt)}`}
          </span>
        )}
        <span className="location-card__coords" data-testid="location-coords">
          {formatCoordinates(place.lat, place.lng)}
        </span>
        <span className="location-card__links">
          <a href={mapsLink(place.lat, place.lng, place.zoom)} target="_blank" rel="noopener noreferrer">
            Open in maps <ExternalLink aria-hidden="true" />
          </a>
          {live && stillLive && message.senderId === meId && (
            <button type="button" className="button button--danger button--small" onClick={() => void stopLiveShare(backend, live.shareId).catch((err: unknown) => setError(errorText(err)))}>
              Stop sharing
            </button>
          )}
        </span>
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </span>
    </div>
  );
}
