import type { RouterOutputs } from '@confab/api';
import { ChevronLeft, ChevronRight, Eye, Send, Trash2, X } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText } from '../../../../shared/errors';
import { useBackend } from '../../app/context';
import { useMediaUrl } from '../../ui/Avatar';
import { StoryViewers } from './StoryViewers';

type Story = RouterOutputs['stories']['mine']['stories'][number] | RouterOutputs['stories']['feed']['authors'][number]['stories'][number];
export interface Playable {
  author: { id: string; name: string; avatarMediaId: string | null };
  stories: Story[];
  own: boolean;
}

/** How long a text or photo status shows; a video plays to its end. */
const STILL_MS = 5000;

/**
 * A full-screen player: progress bars, ←/→ or a tap on the left/right to move, holding the
 * pointer (or typing a reply) pauses, Esc closes. Others' stories are marked seen as they show.
 */
export function StoryViewer({ playable, onClose }: { playable: Playable; onClose(): void }) {
  const backend = useBackend();
  const ref = useRef<HTMLDialogElement>(null);
  const firstUnseen = playable.stories.findIndex((s) => 'seen' in s && !s.seen);
  const [index, setIndex] = useState(firstUnseen > 0 ? firstUnseen : 0);
  const [progress, setProgress] = useState(0);
  const [held, setHeld] = useState(false);
  const [typing, setTyping] = useState(false);
  const [showViewers, setShowViewers] = useState(false);
  const story = playable.stories[index];
  const paused = held || typing || showViewers;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    if (story && !playable.own) void backend.call('stories.view', { storyId: story.id }).catch(() => undefined);
    setProgress(0);
  }, [backend, story, playable.own]);

  const next = () => (index + 1 < playable.stories.length ? setIndex(index + 1) : onClose());
  const previous = () => setIndex(Math.max(0, index - 1));

  // Stills advance on a timer; videos report their own progress.
  useEffect(() => {
    if (!story || story.kind === 'video' || paused) return;
    const step = 100;
    const timer = setInterval(() => setProgress((p) => Math.min(1, p + step / STILL_MS)), step);
    return () => clearInterval(timer);
  }, [story, paused]);
  useEffect(() => {
    if (progress >= 1) next();
  }, [progress]);

  if (!story) return null;
  return (
    <dialog
      ref={ref}
      className="story-viewer"
      aria-label={`${playable.own ? 'My status' : `${playable.author.name}'s status`}, ${index + 1} of ${playable.stories.length}`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (typing) return;
        if (e.key === 'ArrowRight') next();
        else if (e.key === 'ArrowLeft') previous();
        else if (e.key === ' ') {
          e.preventDefault();
          setHeld((h) => !h);
        }
      }}
    >
      <div className="story-viewer__bars" aria-hidden="true">
        {playable.stories.map((s, i) => (
          <span key={s.id} className="story-viewer__bar">
            <span className="story-viewer__fill" style={{ width: `${(i < index ? 1 : i === index ? progress : 0) * 100}%` }} />
          </span>
        ))}
      </div>
      <header className="story-viewer__header">
        <span className="story-viewer__who">
          <strong>{playable.author.name}</strong>
          <time dateTime={story.createdAt}>{new Date(story.createdAt).toLocaleTimeString([], { timeStyle: 'short' })}</time>
        </span>
        {paused && <span className="story-viewer__paused">Paused</span>}
        <button type="button" className="icon-button story-viewer__icon" onClick={onClose} aria-label="Close">
          <X aria-hidden="true" />
        </button>
      </header>
      <div
        className="story-viewer__stage"
        onPointerDown={() => setHeld(true)}
        onPointerUp={(e) => {
          setHeld(false);
          const box = e.currentTarget.getBoundingClientRect();
          if (e.clientX - box.left < box.width / 3) previous();
          else next();
        }}
        onPointerLeave={() => setHeld(false)}
      >
        <StoryContent story={story} paused={paused} onProgress={setProgress} />
      </div>
      <button type="button" className="story-viewer__nav story-viewer__nav--prev" onClick={previous} aria-label="Previous update" disabled={index === 0}>
        <ChevronLeft aria-hidden="true" />
      </button>
      <button type="button" className="story-viewer__nav story-viewer__nav--next" onClick={next} aria-label="Next update">
        <ChevronRight aria-hidden="true" />
      </button>
      <footer className="story-viewer__footer">
        {playable.own ? (
          <OwnStoryActions story={story as RouterOutputs['stories']['mine']['stories'][number]} onViewers={() => setShowViewers(true)} onDeleted={onClose} />
        ) : (
          <ReplyBox storyId={story.id} authorName={playable.author.name} onTyping={setTyping} />
        )}
      </footer>
      {showViewers && <StoryViewers storyId={story.id} onClose={() => setShowViewers(false)} />}
    </dialog>
  );
}

function StoryContent({ story, paused, onProgress }: { story: Story; paused: boolean; onProgress(p: number): void }) {
  const url = useMediaUrl(story.mediaId);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!video.current) return;
    if (paused) video.current.pause();
    else void video.current.play().catch(() => undefined);
  }, [paused, url]);
  if (story.kind === 'text') {
    return (
      <div className={`story-text story-text--${story.font ?? 'sans'}`} style={{ background: story.background ?? '#1f7a5c' }}>
        <p>{story.text}</p>
      </div>
    );
  }
  return (
    <figure className="story-media">
      {url &&
        (story.kind === 'image' ? (
          <img src={url} alt={story.text ?? 'Photo status'} />
        ) : (
          <video ref={video} src={url} autoPlay playsInline onTimeUpdate={(e) => onProgress(e.currentTarget.duration ? e.currentTarget.currentTime / e.currentTarget.duration : 0)} onEnded={() => onProgress(1)} />
        ))}
      {story.text && <figcaption>{story.text}</figcaption>}
    </figure>
  );
}

function ReplyBox({ storyId, authorName, onTyping }: { storyId: string; authorName: string; onTyping(v: boolean): void }) {
  const backend = useBackend();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      await backend.call('stories.reply', { storyId, text });
      setText('');
      setStatus(`Reply sent to ${authorName}`);
    } catch (error) {
      setStatus(errorText(error));
    }
  }
  return (
    <form className="story-reply" onSubmit={(e) => void submit(e)}>
      <input
        className="input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onFocus={() => onTyping(true)}
        onBlur={() => onTyping(false)}
        placeholder={`Reply to ${authorName}…`}
        aria-label={`Reply to ${authorName}`}
        maxLength={4096}
      />
      <button type="submit" className="icon-button story-viewer__icon" aria-label="Send reply" disabled={!text.trim()}>
        <Send aria-hidden="true" />
      </button>
      <span className="story-reply__status" role="status">
        {status}
      </span>
    </form>
  );
}

function OwnStoryActions({ story, onViewers, onDeleted }: { story: RouterOutputs['stories']['mine']['stories'][number]; onViewers(): void; onDeleted(): void }) {
  const backend = useBackend();
  return (
    <div className="story-own">
      <button type="button" className="button button--ghost story-own__viewers" onClick={onViewers}>
        <Eye aria-hidden="true" /> {story.viewCount} {story.viewCount === 1 ? 'view' : 'views'}
      </button>
      <button type="button" className="icon-button story-viewer__icon" aria-label="Delete this update" title="Delete" onClick={() => void backend.call('stories.delete', { storyId: story.id }).then(onDeleted, onDeleted)}>
        <Trash2 aria-hidden="true" />
      </button>
    </div>
  );
}
