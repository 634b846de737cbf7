/** A browser's push subscription (what PushManager.subscribe() gives the page). */
export interface PushSubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** The push service no longer knows this subscription (HTTP 404 or 410): forget the device. */
export class PushGoneError extends Error {
  constructor(readonly statusCode: number) {
    super(`push subscription gone (${statusCode})`);
    this.name = 'PushGoneError';
  }
}

/** Sends an encrypted Web Push message (RFC 8291, aes128gcm) signed with the server's VAPID key. */
export interface PushSender {
  vapidPublicKey: string;
  /** Whether a subscription's endpoint may be pushed to (https on a public name; tests allow loopback). */
  acceptsEndpoint(endpoint: string): boolean;
  send(subscription: PushSubscriptionKeys, payload: string): Promise<void>;
}
