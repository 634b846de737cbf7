/**
 * The names on the preload bridge, shared by main, preload and renderer. Kept free of zod so the
 * sandboxed preload bundle stays tiny: the schemas live in ipc-contract.ts, used by main only.
 */

/** Every request/response method `window.confab` offers; nothing else can be invoked. */
export const INVOKE_METHODS = [
  'restoreSession',
  'requestCode',
  'verifyCode',
  'signOut',
  'getMe',
  'updateProfile',
  'setAvatar',
  'getQrCode',
  'listChats',
  'getChat',
  'openDirect',
  'openChat',
  'setOpenChat',
  'readMessages',
  'loadOlder',
  'markRead',
  'markDelivered',
  'sendTyping',
  'sendMessage',
  'retrySend',
  'discardFailed',
  'editMessage',
  'deleteMessage',
  'react',
  'lookupPhone',
  'userByQr',
  'search',
  'mediaUrl',
  'uploadMedia',
  'sendMedia',
  'callServer',
  'connectionState',
  'reconnectNow',
] as const;

export type InvokeMethod = (typeof INVOKE_METHODS)[number];

/** The keys of `window.confab`: the invoke methods and the one event subscription. */
export const BRIDGE_KEYS = [...INVOKE_METHODS, 'onEvent'] as const;

export type BridgeKey = (typeof BRIDGE_KEYS)[number];

const PREFIX = 'confab:';

/** The IPC channel of a method (one channel per method, so a handler knows its schema). */
export const channelOf = (method: InvokeMethod): string => `${PREFIX}${method}`;

/** The method a channel belongs to, or null for any channel that is not ours. */
export function methodOf(channel: string): InvokeMethod | null {
  if (!channel.startsWith(PREFIX)) return null;
  const name = channel.slice(PREFIX.length);
  return (INVOKE_METHODS as readonly string[]).includes(name) ? (name as InvokeMethod) : null;
}

/** Main → renderer: core events and shell events (a notification was clicked). */
export const EVENT_CHANNEL = 'confab:event';
