import { useEffect, useState } from 'react';
import { useMessenger } from '../../app/context';

/** A URL an <img>/<video>/<audio> can load for this media item; null while loading or unreadable. */
export function useMediaUrl(mediaId: string | null | undefined, variant: 'full' | 'thumb' = 'full', enabled = true): { url: string | null; failed: boolean } {
  const messenger = useMessenger();
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!mediaId || !enabled) return;
    let live = true;
    setState({ url: null, failed: false });
    void messenger.backend.call('files.url', { mediaId, variant }).then((url) => live && setState({ url, failed: url === null }));
    return () => {
      live = false;
    };
  }, [messenger, mediaId, variant, enabled]);
  return state;
}
