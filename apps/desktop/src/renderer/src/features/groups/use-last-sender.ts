import { useEffect, useSyncExternalStore } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import type { ChatView } from '../../lib/backend';
import { useGroupData } from './use-group-data';

/**
 * Who wrote a group chat's last message, for its chat-list preview ("Ana: See you there"):
 * null in 1:1 chats, for my own messages (the preview says "You:"), for notices (they name who
 * did it) and while unknown. The server's chat view names the sender; failing that (a chat
 * view from the desktop cache), what this window already knows — loaded member lists, the
 * people of 1:1 chats — and only then this group's member list, fetched once.
 */
export function useLastSenderName(chat: ChatView, meId: string): string | null {
  const last = chat.lastMessage;
  const senderId = chat.kind === 'group' && last && last.kind !== 'system' && !last.deletedAt && last.senderId !== meId ? last.senderId : null;
  const data = useGroupData();
  const fromGroups = useSyncExternalStore(data.subscribe, () => (senderId ? data.knownName(chat.id, senderId) : null));
  const fromPeers = useMessengerState((s) => (senderId && !fromGroups ? peerName(s.chats, senderId) : null));
  // The server names the sender with the chat (web); the desktop cache knows only some names.
  const named = senderId && chat.lastSender?.id === senderId ? chat.lastSender.name : null;
  const name = named ?? fromGroups ?? fromPeers;
  useEffect(() => {
    if (senderId && !name && !chat.readOnly) void data.loadMembers(chat.id);
  }, [data, chat.id, chat.readOnly, senderId, name]);
  return name;
}

function peerName(chats: Record<string, ChatView>, userId: string): string | null {
  for (const chat of Object.values(chats)) if (chat.peer?.id === userId) return chat.peer.name || chat.peer.phone || null;
  return null;
}
