import type { Backend } from '../../lib/backend';
import { ClientError } from '../../../../shared/errors';

/** Moves smaller than this (about 10 m) are not sent: GPS jitter would flood the chat. */
const MIN_MOVE_DEGREES = 0.0001;

interface Watch {
  stop(): void;
}

const watches = new Map<string, Watch>();

/**
 * While this window is open, my live locations follow the device: each real move is sent with
 * `location.update`. A share stops being watched when it runs out, when I stop it, or when the
 * server says it ended (FORBIDDEN / NOT_FOUND).
 */
export function watchLiveShare(backend: Backend, shareId: string, expiresAt: string, start: { lat: number; lng: number }): void {
  if (watches.has(shareId) || !('geolocation' in navigator)) return;
  let last = start;
  const id = navigator.geolocation.watchPosition(
    (position) => {
      const next = { lat: position.coords.latitude, lng: position.coords.longitude };
      if (Math.abs(next.lat - last.lat) < MIN_MOVE_DEGREES && Math.abs(next.lng - last.lng) < MIN_MOVE_DEGREES) return;
      last = next;
      backend.call('location.update', { shareId, ...next }).catch((error: unknown) => {
        if (error instanceof ClientError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) unwatchLiveShare(shareId);
      });
    },
    () => undefined,
    { enableHighAccuracy: true, maximumAge: 5_000 },
  );
  const timer = setTimeout(() => unwatchLiveShare(shareId), Math.max(0, new Date(expiresAt).getTime() - Date.now()));
  watches.set(shareId, {
    stop: () => {
      navigator.geolocation.clearWatch(id);
      clearTimeout(timer);
    },
  });
}

export function unwatchLiveShare(shareId: string): void {
  watches.get(shareId)?.stop();
  watches.delete(shareId);
}

export async function stopLiveShare(backend: Backend, shareId: string): Promise<void> {
  unwatchLiveShare(shareId);
  await backend.call('location.stop', { shareId });
}
