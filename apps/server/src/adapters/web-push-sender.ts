import { Agent } from 'node:https';
import { isIP } from 'node:net';
import { PushGoneError, type PushSender, type PushSubscriptionKeys } from '@confab/api';
import webpush from 'web-push';

export interface WebPushSettings {
  publicKey: string;
  privateKey: string;
  subject: string;
  /** Tests: a loopback push endpoint (http://127.0.0.1:…) is accepted. */
  allowLoopback: boolean;
}

/** A day: a push that cannot be delivered by then (the device stayed off) is dropped. */
const TTL_SECONDS = 24 * 60 * 60;

/** Web Push through `web-push`: RFC 8291 aes128gcm payloads, RFC 8292 VAPID. */
export function createWebPushSender(settings: WebPushSettings): PushSender {
  const vapidDetails = { subject: settings.subject, publicKey: settings.publicKey, privateKey: settings.privateKey };
  // Tests' loopback push service has a self-signed certificate (web-push speaks https only).
  const loopbackAgent = settings.allowLoopback ? new Agent({ rejectUnauthorized: false }) : undefined;
  const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost';
  return {
    vapidPublicKey: settings.publicKey,
    acceptsEndpoint(endpoint) {
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        return false;
      }
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (url.protocol !== 'https:') return false;
      if (settings.allowLoopback && isLoopback(host)) return true;
      // Push services are public https hosts; an address or a local name would let anyone make
      // the server send requests inside its own network.
      return isIP(host) === 0 && host.includes('.') && !host.endsWith('.local') && !host.endsWith('.internal');
    },
    async send(subscription: PushSubscriptionKeys, payload: string) {
      try {
        await webpush.sendNotification({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, payload, {
          vapidDetails,
          TTL: TTL_SECONDS,
          contentEncoding: 'aes128gcm',
          urgency: 'high',
          timeout: 10_000,
          ...(loopbackAgent && isLoopback(new URL(subscription.endpoint).hostname.replace(/^\[|\]$/g, '')) ? { agent: loopbackAgent } : {}),
        });
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 404 || status === 410) throw new PushGoneError(status);
        throw error;
      }
    },
  };
}
