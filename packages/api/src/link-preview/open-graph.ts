export interface LinkPreview {
  /** The link as sent. */
  url: string;
  title: string | null;
  description: string | null;
  /** The page's og:image, absolute; the server does not fetch it. */
  imageUrl: string | null;
  siteName: string | null;
}

const META_TAG = /<meta\b([^>]*)>/gi;
const ATTRIBUTE = /([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const TITLE_TAG = /<title\b[^>]*>([\s\S]*?)<\/title>/i;

/**
 * Open Graph (and Twitter card, and plain HTML) metadata from a page's HTML. Values are
 * decoded, collapsed to one line and cut to sane lengths; the image must be an http(s) URL.
 * Returns null when the page says nothing worth showing.
 */
export function parseOpenGraph(html: string, pageUrl: string, sentUrl: string): LinkPreview | null {
  const meta = new Map<string, string>();
  for (const tag of html.matchAll(META_TAG)) {
    const attributes = new Map<string, string>();
    for (const a of tag[1]!.matchAll(ATTRIBUTE)) attributes.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    const key = (attributes.get('property') ?? attributes.get('name'))?.toLowerCase();
    const content = attributes.get('content');
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  const pick = (keys: string[], max: number) => {
    for (const key of keys) {
      const value = clean(meta.get(key), max);
      if (value) return value;
    }
    return null;
  };
  const title = pick(['og:title', 'twitter:title'], 300) ?? clean(TITLE_TAG.exec(html)?.[1], 300);
  const description = pick(['og:description', 'twitter:description', 'description'], 1000);
  const siteName = pick(['og:site_name'], 100);
  const image = pick(['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'], 2048);
  const imageUrl = image ? absoluteHttpUrl(image, pageUrl) : null;
  if (!title && !description && !imageUrl) return null;
  return { url: sentUrl, title, description, imageUrl, siteName };
}

function clean(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  const text = decodeEntities(value).replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function absoluteHttpUrl(value: string, base: string): string | null {
  try {
    const url = new URL(value, base);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.toString().length <= 2048 ? url.toString() : null;
  } catch {
    return null;
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}
