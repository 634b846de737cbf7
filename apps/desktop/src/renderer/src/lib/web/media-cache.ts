/**
 * Media needs the bearer token, which an <img src> cannot send: each file is fetched once with
 * it and shown from a blob: URL (allowed by the page's CSP), released on sign-out.
 */
export class MediaCache {
  private readonly urls = new Map<string, Promise<string | null>>();

  constructor(
    private readonly baseUrl: string,
    private readonly token: () => Promise<string | null>,
  ) {}

  url(mediaId: string, variant: 'full' | 'thumb' = 'full'): Promise<string | null> {
    const key = `${variant}:${mediaId}`;
    let url = this.urls.get(key);
    if (!url) {
      url = this.load(`/media/${encodeURIComponent(mediaId)}${variant === 'thumb' ? '/thumb' : ''}`);
      this.urls.set(key, url);
      // A failure is not remembered: the file may become readable (a retry after reconnecting).
      void url.then((u) => u ?? this.urls.delete(key));
    }
    return url;
  }

  clear(): void {
    for (const url of this.urls.values()) void url.then((u) => u && URL.revokeObjectURL(u));
    this.urls.clear();
  }

  private async load(path: string): Promise<string | null> {
    try {
      const token = await this.token();
      const response = await fetch(`${this.baseUrl}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) return null;
      return URL.createObjectURL(await response.blob());
    } catch {
      return null;
    }
  }
}
