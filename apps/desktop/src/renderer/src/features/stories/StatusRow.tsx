import { Plus } from 'lucide-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useMessengerState } from '../../app/use-messenger-state';
import { Avatar } from '../../ui/Avatar';
import { StoryComposer } from './StoryComposer';
import { StoryViewer, type Playable } from './StoryViewer';
import { useStories } from './use-stories';

/** The status row above the chat list: my status, then recent updates, then viewed ones (rings). */
export function StatusRow() {
  const me = useMessengerState((s) => s.me);
  const { mine, feed, reload } = useStories();
  const [composing, setComposing] = useState(false);
  const [playing, setPlaying] = useState<Playable | null>(null);
  if (!me) return null;
  const recent = feed.filter((a) => !a.allSeen);
  const viewed = feed.filter((a) => a.allSeen);
  const ring = (unseen: boolean) => `status__ring ${unseen ? 'status__ring--unseen' : 'status__ring--seen'}`;
  return (
    <section className="status" aria-label="Status updates">
      <ul className="status__row">
        <li className="status__item">
          <button
            type="button"
            className="status__button"
            onClick={() => (mine.length > 0 ? setPlaying({ author: { id: me.id, name: 'My status', avatarMediaId: me.avatarMediaId }, stories: mine, own: true }) : setComposing(true))}
            aria-label={mine.length > 0 ? `My status, ${mine.length} update${mine.length === 1 ? '' : 's'}` : 'Add a status update'}
          >
            <span className={mine.length > 0 ? ring(false) : 'status__ring'}>
              <Avatar id={me.id} name={me.name || me.phone || ''} mediaId={me.avatarMediaId} size="md" />
            </span>
            <span className="status__name">My status</span>
          </button>
          <button type="button" className="status__add" onClick={() => setComposing(true)} aria-label="New status update" title="New status update">
            <Plus aria-hidden="true" />
          </button>
        </li>
        {[...recent, ...viewed].map((a) => (
          <li key={a.author.id} className="status__item">
            <button
              type="button"
              className="status__button"
              onClick={() => setPlaying({ author: a.author, stories: a.stories, own: false })}
              aria-label={`${a.author.name}, ${a.allSeen ? 'viewed' : 'new'} status, ${a.stories.length} update${a.stories.length === 1 ? '' : 's'}`}
            >
              <span className={ring(!a.allSeen)}>
                <Avatar id={a.author.id} name={a.author.name} mediaId={a.author.avatarMediaId} size="md" />
              </span>
              <span className="status__name">{a.author.name}</span>
            </button>
          </li>
        ))}
      </ul>
      {/* In the page's body, not the list pane: at phone width the pane hides once a chat opens,
          and a dialog inside a hidden pane would vanish with it. */}
      {composing &&
        createPortal(
          <StoryComposer
            onClose={() => setComposing(false)}
            onPosted={() => {
              setComposing(false);
              reload();
            }}
          />,
          document.body,
        )}
      {playing &&
        createPortal(
          <StoryViewer
            playable={playing}
            onClose={() => {
              setPlaying(null);
              reload();
            }}
          />,
          document.body,
        )}
    </section>
  );
}
