/** "1.4 MB", "820 KB", "12 B". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "0:07", "12:34". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** "PDF", "PNG", "ZIP": the file type as people know it, from the name or the MIME type. */
export function fileTypeLabel(fileName: string | null, mime: string): string {
  const ext = fileName?.match(/\.([a-z0-9]{1,8})$/i)?.[1];
  if (ext) return ext.toUpperCase();
  const sub = mime.split('/')[1]?.split(/[+;.-]/)[0];
  return sub ? sub.toUpperCase() : 'File';
}

/** The host of a URL for display ("example.org"), or the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
