import type { RouterOutputs } from '@confab/api';
import { useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';

type Viewers = RouterOutputs['stories']['viewers'];

/** Who viewed one of my updates, each once, latest first, with the day and time. */
export function StoryViewers({ storyId, onClose }: { storyId: string; onClose(): void }) {
  const backend = useBackend();
  const [viewers, setViewers] = useState<Viewers | null>(null);
  useEffect(() => {
    const load = () => void backend.call('stories.viewers', { storyId }).then(setViewers, () => setViewers({ viewers: [], count: 0 }));
    load();
    return backend.onEvent((event) => {
      if (event.type === 'story.viewed' && event.storyId === storyId) load();
    });
  }, [backend, storyId]);
  return (
    <Dialog title={viewers ? `Viewed by ${viewers.count}` : 'Viewed by'} onClose={onClose}>
      {viewers?.count === 0 && <p className="notif-centre__empty">No views yet.</p>}
      <ul className="story-viewers">
        {viewers?.viewers.map((v) => (
          <li key={v.user.id} className="story-viewers__row">
            <Avatar id={v.user.id} name={v.user.name} mediaId={v.user.avatarMediaId} size="sm" />
            <span className="story-viewers__name">{v.user.name}</span>
            <time dateTime={v.viewedAt}>{new Date(v.viewedAt).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</time>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
