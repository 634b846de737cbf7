import { useEffect, useState } from 'react';
import { useMessenger } from '../../app/context';
import type { RouterOutputs } from '@confab/api';

export type Presence = Pick<RouterOutputs['users']['presence'], 'online' | 'lastSeenAt' | 'hidden'>;

/** A contact's presence: asked once, then kept current by `presence` events. */
export function usePresence(userId: string | null): Presence | null {
  const backend = useMessenger().backend;
  const [presence, setPresence] = useState<Presence | null>(null);
  useEffect(() => {
    setPresence(null);
    if (!userId) return;
    let live = true;
    void backend
      .call('users.presence', { userId })
      .then((p) => live && setPresence({ online: p.online, lastSeenAt: p.lastSeenAt, hidden: p.hidden }))
      .catch(() => undefined);
    const off = backend.onEvent((event) => {
      if (event.type !== 'presence' || event.userId !== userId) return;
      // `hidden` comes only when their "last seen" setting changed: it replaces what we knew.
      if (event.hidden !== undefined) return setPresence({ online: event.online, lastSeenAt: event.lastSeenAt, hidden: event.hidden });
      setPresence((old) => (old?.hidden ? old : { online: event.online, lastSeenAt: event.lastSeenAt ?? old?.lastSeenAt ?? null, hidden: false }));
    });
    return () => {
      live = false;
      off();
    };
  }, [backend, userId]);
  return presence;
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const date = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** "online", "last seen today at 14:05", "last seen yesterday at 09:12", "last seen 3 Mar at 18:40". */
export function presenceText(presence: Presence | null, now = new Date()): string | null {
  if (!presence || presence.hidden) return null;
  if (presence.online) return 'online';
  if (!presence.lastSeenAt) return null;
  const seen = new Date(presence.lastSeenAt);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(seen)) / 86_400_000);
  const day = days <= 0 ? 'today' : days === 1 ? 'yesterday' : date.format(seen);
  return `last seen ${day} at ${time.format(seen)}`;
}
