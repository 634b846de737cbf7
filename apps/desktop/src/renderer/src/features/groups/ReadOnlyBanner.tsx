import type { ChatView } from '../../lib/backend';
import { useGroupInfo } from './use-group-data';

/**
 * Over the composer of a group that was deleted, that I left or was removed from, or where
 * only admins may send.
 */
export function ReadOnlyBanner({ chat, adminsOnly = false }: { chat: ChatView; adminsOnly?: boolean }) {
  const info = useGroupInfo(chat.id);
  const text = info?.deleted
    ? 'This group was deleted. You can still read its history.'
    : chat.readOnly
      ? 'You are no longer a member of this group. You can still read its history.'
      : adminsOnly
        ? 'Only admins can send messages in this group.'
        : null;
  if (!text) return null;
  return (
    <p className="readonly-banner" role="status">
      {text}
    </p>
  );
}
