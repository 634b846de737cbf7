import type { DesktopCore } from '../core/index.js';
import type { MediaVariant } from '../core/cache/media.repo.js';
import type { DeviceName, Handlers } from '../shared/procedures/index.js';
import type { FocusState } from './focus.js';

/** Everything the desktop answers itself for the page: the core's procedures, and main's two. */
export type PageHandlers = Handlers<DeviceName>;

export interface HandlerDeps {
  core: DesktopCore;
  /** A URL the page may load for a downloaded file or its preview (app://… in Electron). */
  mediaUrl(mediaId: string, variant: MediaVariant): string;
  /** The chat on screen and the window's focus, for the notification policy. */
  focus: FocusState;
}

/**
 * The table both the Electron IPC adapter (ipc.ts) and the Chromium harness dispatch to, after
 * the sender check and the zod validation. Plain Node: no electron import.
 */
export function createHandlers({ core, mediaUrl, focus }: HandlerDeps): PageHandlers {
  return {
    ...core.page,
    // Files and previews are downloaded into the cache once and shown from there, offline too.
    'files.url': async ({ mediaId, variant = 'full' }) => {
      const info = await core.media.download(mediaId, variant).catch(() => null);
      return info?.localPath ? mediaUrl(mediaId, variant) : null;
    },
    'shell.setOpenChat': async ({ chatId }) => {
      focus.setOpenChat(chatId);
      return null;
    },
  };
}
