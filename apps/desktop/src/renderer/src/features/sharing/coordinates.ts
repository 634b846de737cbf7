/** Coordinates typed by hand: numbers in range, or a message saying what is wrong. */
export function parseCoordinates(lat: string, lng: string): { lat: number; lng: number } | string {
  const la = Number(lat.trim().replace(',', '.'));
  const lo = Number(lng.trim().replace(',', '.'));
  if (lat.trim() === '' || lng.trim() === '') return 'Enter a latitude and a longitude';
  if (!Number.isFinite(la) || la < -90 || la > 90) return 'Latitude is a number between -90 and 90';
  if (!Number.isFinite(lo) || lo < -180 || lo > 180) return 'Longitude is a number between -180 and 180';
  return { lat: la, lng: lo };
}

export const formatCoordinates = (lat: number, lng: number): string => `${lat.toFixed(5)}, ${lng.toFixed(5)}`;

/** A link to the place on OpenStreetMap (opened outside the app, never loaded by the page). */
export const mapsLink = (lat: number, lng: number, zoom = 15): string => `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=${zoom}/${lat}/${lng}`;

export const LIVE_CHOICES = [
  { seconds: 900, label: '15 minutes' },
  { seconds: 3_600, label: '1 hour' },
  { seconds: 28_800, label: '8 hours' },
] as const;
