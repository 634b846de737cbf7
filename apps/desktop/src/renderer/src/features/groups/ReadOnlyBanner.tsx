import type { ChatView } from '../../lib/backend';
import { useGroupInfo } from './use-group-data';

/** Over the composer of a group that was deleted, or that I left or was removed from. */
export function ReadOnlyBanner({ chat }: { chat: ChatView }) {
  const info = useGroupInfo(chat.id);
  return (
    <p className="readonly-banner" role="status">
      {info?.deleted ? 'This group was deleted. You can still read its history.' : 'You are no longer a member of this group. You can still read its history.'}
    </p>
  );
}
