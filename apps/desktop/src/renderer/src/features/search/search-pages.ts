import type { OutputOf } from '../../../../shared/procedures';
import type { Backend } from '../../lib/backend';

export type SearchHit = OutputOf<'messages.search'>['results'][number];

/** The hits of one search so far, and where the next page starts (null: every match is shown). */
export interface SearchPages {
  query: string;
  hits: SearchHit[];
  nextCursor: string | null;
}

const PAGE = 50;

export async function firstPage(backend: Backend, query: string): Promise<SearchPages> {
  const page = await backend.call('messages.search', { query, limit: PAGE });
  return { query, hits: page.results, nextCursor: page.nextCursor };
}

/** The next page appended; a hit already shown (a message that moved between pages) stays once. */
export async function nextPage(backend: Backend, pages: SearchPages): Promise<SearchPages> {
  if (!pages.nextCursor) return pages;
  const page = await backend.call('messages.search', { query: pages.query, cursor: pages.nextCursor, limit: PAGE });
  const seen = new Set(pages.hits.map((hit) => hit.message.id));
  return { query: pages.query, hits: [...pages.hits, ...page.results.filter((hit) => !seen.has(hit.message.id))], nextCursor: page.nextCursor };
}
