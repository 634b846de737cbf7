import { useEffect, useSyncExternalStore } from 'react';
import { useBackend } from '../../app/context';
import { emoticonsDataFor, type EmoticonsData } from './emoticons-data';

/** My custom emoticons (loaded on first use); re-renders as they are added and deleted. */
export function useEmoticons(): EmoticonsData {
  const data = emoticonsDataFor(useBackend());
  useSyncExternalStore(data.subscribe, () => data.version);
  useEffect(() => void data.load(), [data]);
  return data;
}
