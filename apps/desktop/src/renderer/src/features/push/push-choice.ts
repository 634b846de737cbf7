import type { Backend } from '../../lib/backend';
import { currentSubscription, pushSupported, serviceWorker, vapidKeyBytes } from '../../lib/web/push-subscription';

/** Whether this browser gets notifications while Confab is closed (Web Push). */
export type PushChoice = 'unsupported' | 'unavailable' | 'blocked' | 'off' | 'on';

const DISMISSED_KEY = 'confab.push-prompt';

export async function pushChoice(): Promise<PushChoice> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  if (Notification.permission !== 'granted') return 'off';
  return (await currentSubscription().catch(() => null)) ? 'on' : 'off';
}

/** "Not now" on the banner: it stays away; Settings still has the switch. */
export const promptDismissed = (): boolean => localStorage.getItem(DISMISSED_KEY) === 'dismissed';
export const dismissPrompt = (): void => localStorage.setItem(DISMISSED_KEY, 'dismissed');

/** The name devices.list shows for this browser ("Chrome on Linux"). */
function browserName(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : '';
  return `${browser}${os ? ` on ${os}` : ''}`;
}

/** Tells the server about this browser's subscription (again after each sign-in: devices belong to a session). */
async function registerSubscription(backend: Backend, subscription: PushSubscription): Promise<void> {
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new Error('The browser gave an incomplete push subscription');
  await backend.call('devices.register', { kind: 'webpush', name: browserName(), endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } });
}

/**
 * Turns push on: asks the browser's permission (this must run from a click), subscribes with
 * the server's VAPID key and registers the subscription as this session's device.
 */
export async function enablePush(backend: Backend): Promise<PushChoice> {
  if (!pushSupported()) return 'unsupported';
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission !== 'granted') return permission === 'denied' ? 'blocked' : 'off';
  const { key } = await backend.call('devices.vapidPublicKey');
  if (!key) return 'unavailable';
  const registration = await serviceWorker();
  const subscription =
    (await registration.pushManager.getSubscription()) ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidKeyBytes(key) }));
  await registerSubscription(backend, subscription);
  return 'on';
}

/** Turns push off: the server forgets this device and the browser drops the subscription. */
export async function disablePush(backend: Backend): Promise<PushChoice> {
  const subscription = await currentSubscription();
  const { devices } = await backend.call('devices.list');
  const mine = devices.find((d) => d.current && d.kind === 'webpush');
  if (mine) await backend.call('devices.remove', { deviceId: mine.id });
  await subscription?.unsubscribe();
  return pushChoice();
}

/** After sign-in or restore: a subscription this browser already has is registered for this session. */
export async function renewPushDevice(backend: Backend): Promise<void> {
  const subscription = await currentSubscription().catch(() => null);
  if (!subscription || Notification.permission !== 'granted') return;
  await registerSubscription(backend, subscription).catch(() => undefined);
}
