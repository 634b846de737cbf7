import type { Deps } from '../../deps.js';
import { fail } from '../../errors.js';
import { buildLinkPreview } from '../../link-preview/build-preview.js';
import { firstUrlIn } from '../../link-preview/find-url.js';

/**
 * A link message: its text holds an http(s) link, previewed by the server. A page that cannot
 * be previewed (private address, timeout, not HTML) still lets the message go, without a card.
 */
export async function linkMeta(deps: Pick<Deps, 'log' | 'messaging'>, text: string) {
  const url = firstUrlIn(text);
  if (!url) throw fail.badRequest('A link message needs an http(s) link in its text');
  return { link: { url, preview: await buildLinkPreview(deps, url) } };
}
