import { useEffect, useState } from 'react';
import { useMessenger } from '../app/context';

/**
 * Announces incoming messages to screen readers. One polite region for the whole app, fed by
 * the Messenger, so the virtualised message list (which adds and drops rows while scrolling)
 * never announces anything by itself.
 */
export function LiveRegion() {
  const messenger = useMessenger();
  const [text, setText] = useState('');
  useEffect(() => messenger.announcements.on((a) => setText(a.text)), [messenger]);
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {text}
    </div>
  );
}
