import { describe, expect, it } from 'vitest';
import { mediaKindOf } from '../attachments/media-kind';
import { presenceText } from '../chat-info/use-presence';
import { fileTypeLabel, formatDuration, formatSize, hostOf } from './format-media';

describe('media labels', () => {
  it('sizes, durations and file types read as people say them', () => {
    expect(formatSize(39)).toBe('39 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(754_000)).toBe('12:34');
    expect(fileTypeLabel('Trip plan.pdf', 'application/pdf')).toBe('PDF');
    expect(fileTypeLabel(null, 'application/zip')).toBe('ZIP');
    expect(hostOf('https://example.org/a?b')).toBe('example.org');
    expect(hostOf('not a url')).toBe('not a url');
  });

  it('a picked file is sent as a photo, video or audio by type, anything else as a document', () => {
    expect(mediaKindOf({ type: 'image/png' })).toBe('image');
    expect(mediaKindOf({ type: 'image/svg+xml' })).toBe('document');
    expect(mediaKindOf({ type: 'video/mp4' })).toBe('video');
    expect(mediaKindOf({ type: 'audio/ogg' })).toBe('audio');
    expect(mediaKindOf({ type: '' })).toBe('document');
  });

  it('presence: online, last seen, or nothing when hidden', () => {
    const now = new Date(2026, 10, 26, 12, 0);
    expect(presenceText({ online: true, lastSeenAt: null, hidden: false }, now)).toBe('online');
    expect(presenceText({ online: false, lastSeenAt: null, hidden: true }, now)).toBeNull();
    expect(presenceText({ online: false, lastSeenAt: new Date(2026, 10, 26, 9, 5).toISOString(), hidden: false }, now)).toMatch(/^last seen today at 09:05/);
    expect(presenceText({ online: false, lastSeenAt: new Date(2026, 10, 25, 9, 5).toISOString(), hidden: false }, now)).toMatch(/^last seen yesterday at /);
  });
});
