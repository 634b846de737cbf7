import { MapPin } from 'lucide-react';
import { formatCoordinates } from './coordinates';

/**
 * The map area of a location: a drawn placeholder with the pin and the coordinates. The page
 * never loads third-party tiles (the CSP allows images from the app only, and a tile request
 * would tell the tile server where the chat is looking).
 */
export function MapPreview({ lat, lng, live = false, coords = true }: { lat: number | null; lng: number | null; live?: boolean; coords?: boolean }) {
  return (
    <div className={`map-preview${live ? ' map-preview--live' : ''}`} aria-hidden="true">
      <span className="map-preview__pin">
        <MapPin />
      </span>
      {coords && lat !== null && lng !== null && <span className="map-preview__coords">{formatCoordinates(lat, lng)}</span>}
    </div>
  );
}
