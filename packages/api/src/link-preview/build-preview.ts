import type { Deps } from '../deps.js';
import { messagingSettings } from '../messages/messaging-settings.js';
import { fetchPage, PREVIEW_LIMITS, PreviewRefused } from './fetch-page.js';
import { parseOpenGraph, type LinkPreview } from './open-graph.js';

/**
 * The preview card for a link, or null when there is none to show (refused address, timeout,
 * not HTML, nothing in the page). Never throws: a message with a link is sent either way.
 * Called before the message's transaction, so no lock is held during network I/O.
 */
export async function buildLinkPreview(deps: Pick<Deps, 'log' | 'messaging'>, link: string): Promise<LinkPreview | null> {
  const host = safeHost(link);
  try {
    const page = await fetchPage(link, { ...PREVIEW_LIMITS, allowPrivate: messagingSettings(deps).linkPreviewAllowPrivate });
    return parseOpenGraph(page.html, page.url, link);
  } catch (error) {
    // The host only: the full link may carry someone's private tokens.
    if (error instanceof PreviewRefused) deps.log.info({ event: 'link_preview.refused', host, reason: error.reason }, 'no link preview');
    else deps.log.warn({ event: 'link_preview.failed', host, err: error }, 'link preview failed');
    return null;
  }
}

function safeHost(link: string): string | null {
  try {
    return new URL(link).host;
  } catch {
    return null;
  }
}
