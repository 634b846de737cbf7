import { z } from 'zod';
import { buildLinkPreview } from '../link-preview/build-preview.js';
import { firstUrlIn } from '../link-preview/find-url.js';
import { limitAction } from '../lib/action-limits.js';
import type { AuthedContext } from '../trpc.js';

export const linkPreviewInput = z.object({ url: z.string().trim().min(1).max(2_048) }).strict();

/**
 * The preview card for a link being typed, so the composer can show it before sending. The
 * server fetches (with the same address checks as on send); the page never touches the site.
 * Counted with sends: a composer asks once per distinct link.
 */
export async function linkPreview(ctx: AuthedContext, input: z.infer<typeof linkPreviewInput>) {
  const url = firstUrlIn(input.url);
  if (!url) return { url: null, preview: null };
  await limitAction(ctx.deps, 'sends', ctx.user.id);
  return { url, preview: await buildLinkPreview(ctx.deps, url) };
}
