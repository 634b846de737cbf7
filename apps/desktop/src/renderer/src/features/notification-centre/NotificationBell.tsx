import type { RouterOutputs } from '@confab/api';
import { Bell, CheckCheck, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useBackend, useMessenger } from '../../app/context';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';

type Entry = RouterOutputs['notifications']['list']['notifications'][number];

/** The bell in the sidebar header: the unread count as a badge; opens the notification centre. */
export function NotificationBell() {
  const backend = useBackend();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    void backend.call('notifications.unreadCount').then((r) => live && setUnread(r.unread), () => undefined);
    const stop = backend.onEvent((event) => {
      if (event.type === 'notification') setUnread(event.unread);
    });
    return () => {
      live = false;
      stop();
    };
  }, [backend]);
  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <>
      <button type="button" className="icon-button bell" onClick={() => setOpen(true)} aria-label={label} title="Notifications">
        <Bell aria-hidden="true" />
        {unread > 0 && (
          <span className="bell__badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && <NotificationCentre onClose={() => setOpen(false)} />}
    </>
  );
}

/** Mentions, replies, reactions, invitations and story replies, latest first; a click opens the chat. */
export function NotificationCentre({ onClose }: { onClose(): void }) {
  const backend = useBackend();
  const messenger = useMessenger();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const load = useCallback(() => void backend.call('notifications.list', {}).then((r) => setEntries(r.notifications), () => setEntries([])), [backend]);
  useEffect(() => {
    load();
    return backend.onEvent((event) => {
      if (event.type === 'notification') load();
    });
  }, [backend, load]);

  async function open(entry: Entry) {
    if (!entry.read) await backend.call('notifications.markRead', { ids: [entry.id] }).catch(() => undefined);
    if (entry.chatId) {
      messenger.openChat(entry.chatId);
      onClose();
    }
  }

  return (
    <Dialog title="Notifications" onClose={onClose} size="md">
      <div className="notif-centre">
        <div className="notif-centre__bar">
          <button type="button" className="button button--ghost" onClick={() => void backend.call('notifications.markAllRead').then(load)} disabled={!entries?.some((e) => !e.read)}>
            <CheckCheck aria-hidden="true" /> Mark all read
          </button>
        </div>
        {entries === null ? (
          <p className="notif-centre__empty">Loading…</p>
        ) : entries.length === 0 ? (
          <p className="notif-centre__empty">Nothing yet. Mentions, replies, reactions and invitations show up here.</p>
        ) : (
          <ul className="notif-centre__list">
            {entries.map((entry) => (
              <li key={entry.id} className={`notif ${entry.read ? '' : 'notif--unread'}`}>
                <button type="button" className="notif__main" onClick={() => void open(entry)}>
                  <Avatar id={entry.actors[0]?.id ?? entry.id} name={entry.actors[0]?.name ?? ''} mediaId={entry.actors[0]?.avatarMediaId ?? null} size="sm" />
                  <span className="notif__text">
                    <span className="notif__title">{entry.title}</span>
                    {entry.snippet && <span className="notif__snippet">{entry.snippet}</span>}
                    <time className="notif__time" dateTime={entry.createdAt}>
                      {new Date(entry.createdAt).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' })}
                    </time>
                  </span>
                  {!entry.read && <span className="notif__dot" aria-label="Unread" />}
                </button>
                <button type="button" className="icon-button" aria-label={`Delete: ${entry.title}`} title="Delete" onClick={() => void backend.call('notifications.delete', { id: entry.id }).then(load, load)}>
                  <Trash2 aria-hidden="true" />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
