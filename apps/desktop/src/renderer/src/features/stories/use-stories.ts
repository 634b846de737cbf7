import type { RouterOutputs } from '@confab/api';
import { useCallback, useEffect, useState } from 'react';
import { useBackend } from '../../app/context';

export type FeedAuthor = RouterOutputs['stories']['feed']['authors'][number];
export type MyStory = RouterOutputs['stories']['mine']['stories'][number];

/** My live stories and my contacts', kept fresh by story.* events; expired ones drop out on the local clock. */
export function useStories() {
  const backend = useBackend();
  const [feed, setFeed] = useState<FeedAuthor[]>([]);
  const [mine, setMine] = useState<MyStory[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const reload = useCallback(() => {
    void backend.call('stories.feed').then((r) => setFeed(r.authors), () => undefined);
    void backend.call('stories.mine').then((r) => setMine(r.stories), () => undefined);
  }, [backend]);
  useEffect(() => {
    reload();
    const stop = backend.onEvent((event) => {
      if (event.type.startsWith('story.')) reload();
    });
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [backend, reload]);
  const live = <T extends { expiresAt: string }>(s: T) => new Date(s.expiresAt).getTime() > now;
  return {
    mine: mine.filter(live),
    feed: feed.map((a) => ({ ...a, stories: a.stories.filter(live) })).filter((a) => a.stories.length > 0),
    reload,
  };
}
