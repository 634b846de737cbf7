import type { z } from 'zod';
import type { locationInput } from '../send-input.js';

export const MAP_ZOOM = 15;
/** Web Mercator stops here; beyond it tiles do not exist. */
const MAX_LAT = 85.05112878;

/** The slippy-map tile (x, y) holding a point at a zoom level (OpenStreetMap's formula). */
export function tileOf(lat: number, lng: number, zoom: number): { x: number; y: number } {
  const n = 2 ** zoom;
  const clampedLat = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const latRad = (clampedLat * Math.PI) / 180;
  const x = Math.floor(((lng + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** A shared place, with the static map tile a client shows under the pin. */
export function locationMeta(location: z.infer<typeof locationInput>, tileTemplate: string) {
  const { x, y } = tileOf(location.lat, location.lng, MAP_ZOOM);
  // An empty template: the server has no tiles to offer (the card shows coordinates only).
  const mapTileUrl = tileTemplate === '' ? null : tileTemplate.replaceAll('{z}', String(MAP_ZOOM)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y));
  return {
    location: { lat: location.lat, lng: location.lng, name: location.name ?? null, address: location.address ?? null, zoom: MAP_ZOOM, tileX: x, tileY: y, mapTileUrl },
  };
}
