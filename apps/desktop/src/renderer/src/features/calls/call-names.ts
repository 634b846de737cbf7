import type { CallView } from '@confab/api';
import { useMessengerState } from '../../app/use-messenger-state';

/** The chat's name for a call (the other person in a 1:1 chat, the group's name). */
export function useCallTitle(call: Pick<CallView, 'chatId'>): { title: string; avatarMediaId: string | null; peerId: string | null; group: boolean } {
  const chat = useMessengerState((s) => s.chats[call.chatId]);
  return { title: chat?.title ?? 'Call', avatarMediaId: chat?.avatarMediaId ?? null, peerId: chat?.peer?.id ?? null, group: chat?.kind === 'group' };
}
