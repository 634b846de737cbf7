import { useEffect, useState } from 'react';
import { useMessenger } from '../../app/context';
import type { Backend } from '../../lib/backend';

/**
 * Requests for a URL still on their way, per backend: the same picture shown twice at once (an
 * emoticon inline and as a sticker, an avatar in two lists) is asked for once. The desktop core
 * downloads each file into one place, so two downloads of the same file at once would collide.
 * Only in-flight requests are shared; an answer is not kept here (each build caches its own).
 */
const inFlight = new WeakMap<Backend, Map<string, Promise<string | null>>>();

function mediaUrl(backend: Backend, mediaId: string, variant: 'full' | 'thumb'): Promise<string | null> {
  let pending = inFlight.get(backend);
  if (!pending) inFlight.set(backend, (pending = new Map()));
  const key = `${variant}:${mediaId}`;
  let request = pending.get(key);
  if (!request) {
    request = backend.call('files.url', { mediaId, variant }).finally(() => pending.delete(key));
    pending.set(key, request);
  }
  return request;
}

/** A URL an <img>/<video>/<audio> can load for this media item; null while loading or unreadable. */
export function useMediaUrl(mediaId: string | null | undefined, variant: 'full' | 'thumb' = 'full', enabled = true): { url: string | null; failed: boolean } {
  const messenger = useMessenger();
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!mediaId || !enabled) return;
    let live = true;
    setState({ url: null, failed: false });
    void mediaUrl(messenger.backend, mediaId, variant).then(
      (url) => live && setState({ url, failed: url === null }),
      () => live && setState({ url: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [messenger, mediaId, variant, enabled]);
  return state;
}
