import type { DisplayMediaRequestHandlerHandlerRequest, Session, Streams } from 'electron';
import { isTrustedSender } from './security.js';

/**
 * "Share screen" in a call (getDisplayMedia). Electron grants nothing by itself: the session's
 * display-media handler picks what is captured. Only the app's own top-level page may ask, and
 * only for video; it gets the whole screen (the primary one, as Chromium's "Entire screen"),
 * never a window or audio. Where macOS has its own picker (15+), that picker asks the user.
 */

/** A capturable source as desktopCapturer.getSources lists it ("screen:0:0", "window:…"). */
export interface DisplaySource {
  id: string;
  name: string;
  /** The display a screen source shows; the primary display's id comes first. */
  display_id?: string;
}

export type DisplayRequest = Pick<DisplayMediaRequestHandlerHandlerRequest, 'videoRequested' | 'securityOrigin'> & { frame: { url: string; parent: unknown } | null };

/** The source to share for this request, or null to refuse it. */
export function chooseDisplaySource(request: DisplayRequest, sources: readonly DisplaySource[], appOrigins: readonly string[], primaryDisplayId?: string): DisplaySource | null {
  if (!request.videoRequested || !isTrustedSender(request.frame, appOrigins)) return null;
  const screens = sources.filter((s) => s.id.startsWith('screen:'));
  return screens.find((s) => primaryDisplayId !== undefined && s.display_id === primaryDisplayId) ?? screens[0] ?? null;
}

export interface ScreenShareDeps {
  /** desktopCapturer.getSources({ types: ['screen'] }) */
  listScreens(): Promise<DisplaySource[]>;
  /** String(screen.getPrimaryDisplay().id) */
  primaryDisplayId?(): string | undefined;
  log?(message: string, error?: unknown): void;
}

type DisplayMediaSession = Pick<Session, 'setDisplayMediaRequestHandler'>;

/** Installs the handler on a session; a refusal answers with no stream, so the page's getDisplayMedia rejects. */
export function handleScreenShare(session: DisplayMediaSession, appOrigins: readonly string[], deps: ScreenShareDeps): void {
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
      void answer(request as DisplayRequest, appOrigins, deps).then(callback, (error: unknown) => {
        deps.log?.('screen sources could not be listed', error);
        callback({});
      });
    },
    { useSystemPicker: true },
  );
}

async function answer(request: DisplayRequest, appOrigins: readonly string[], deps: ScreenShareDeps): Promise<Streams> {
  if (!request.videoRequested || !isTrustedSender(request.frame, appOrigins)) return {};
  const source = chooseDisplaySource(request, await deps.listScreens(), appOrigins, deps.primaryDisplayId?.());
  return source ? { video: { id: source.id, name: source.name } } : {};
}
