import type { HttpClient } from './clients';

/**
 * The browser's side of Web Push: the service worker (public/sw.js, served at the site's root)
 * and its push subscription. The server learns a subscription through `devices.register`.
 */

export const pushSupported = (): boolean =>
  typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && 'PushManager' in window && typeof Notification !== 'undefined';

let registration: Promise<ServiceWorkerRegistration> | null = null;

/** Registers the service worker once per page (it needs no permission and shows nothing by itself). */
export function serviceWorker(): Promise<ServiceWorkerRegistration> {
  registration ??= navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(() => navigator.serviceWorker.ready);
  return registration;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const existing = await navigator.serviceWorker.getRegistration('/');
  return existing ? existing.pushManager.getSubscription() : null;
}

/** Decodes the server's base64url VAPID key for `applicationServerKey`. */
export function vapidKeyBytes(key: string): Uint8Array<ArrayBuffer> {
  const base64 = key.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(key.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Signing out: this browser's push device is removed from the server (while the session still
 * works) and its subscription dropped, so the next account here is not woken for the last one's
 * messages. Best effort: signing out must work offline too.
 */
export async function forgetPushDevice(http: HttpClient): Promise<void> {
  const subscription = await currentSubscription().catch(() => null);
  if (!subscription) return;
  try {
    const { devices } = await http.devices.list.query();
    const mine = devices.find((d) => d.current && d.kind === 'webpush');
    if (mine) await http.devices.remove.mutate({ deviceId: mine.id });
  } catch {
    // Offline: the session's end stops its pushes on the server anyway.
  }
  await subscription.unsubscribe().catch(() => false);
}
