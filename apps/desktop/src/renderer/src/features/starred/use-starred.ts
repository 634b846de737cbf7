import { useEffect, useSyncExternalStore } from 'react';
import { useBackend } from '../../app/context';
import { starredDataFor, type StarredData } from './starred-data';

export function useStarredData(): StarredData {
  const data = starredDataFor(useBackend());
  useEffect(() => void data.load(), [data]);
  return data;
}

/** Whether I starred this message (a star on its bubble, "Unstar" in its menu). */
export function useIsStarred(messageId: string): boolean {
  const data = useStarredData();
  return useSyncExternalStore(data.subscribe, () => data.ids.has(messageId));
}

/** The starred list, re-rendering as stars come and go. */
export function useStarredItems(): StarredData {
  const data = useStarredData();
  useSyncExternalStore(data.subscribe, () => data.version);
  return data;
}
