import { useEffect } from 'react';
import { useMessenger } from '../../app/context';
import type { Messenger } from '../../app/messenger';
import type { ChatView } from '../../lib/backend';
import { useGroupData } from '../groups/use-group-data';
import { missedCallNotificationFor, notificationChoice, notificationFor, type ArrivedMessage } from './browser-notifications';

/**
 * The web client's notifications: while this tab is open but not being looked at (or another
 * chat is open), a message from someone else shows a browser notification, and so does a call
 * I missed while the tab was in the background; clicking one brings the tab forward on that
 * chat. The desktop app shows OS notifications from its core instead.
 */
export function useBrowserNotifications(): void {
  const messenger = useMessenger();
  const groups = useGroupData();
  useEffect(() => {
    if (messenger.backend.kind !== 'web') return;
    let prefs: ArrivedMessage['prefs'];
    void messenger.backend.call('settings.get').then(
      (s) => void (prefs ??= s.notifications),
      () => undefined,
    );
    const show = (shown: { title: string; body: string; tag: string }, chatId: string) => {
      const notification = new Notification(shown.title, { body: shown.body, tag: shown.tag, silent: prefs?.sound === false });
      notification.onclick = () => {
        window.focus();
        messenger.openChat(chatId);
        notification.close();
      };
    };
    /** Missed calls already shown: a call's end can be heard more than once (updated, then ended). */
    const announced = new Set<string>();
    return messenger.backend.onEvent(async (event) => {
      if (event.type === 'settings.updated') prefs = event.settings.notifications;
      if (notificationChoice() !== 'on') return;
      const looking = () => document.visibilityState === 'visible' && document.hasFocus();
      if (event.type === 'call.updated' || event.type === 'call.ended') {
        const { call } = event;
        const me = messenger.store.get().me?.id;
        if (!me || announced.has(call.id)) return;
        const chat = messenger.store.get().chats[call.chatId];
        const callerName = chat?.kind === 'direct' ? chat.title : (groups.knownName(call.chatId, call.callerId) ?? 'Someone');
        const shown = missedCallNotificationFor({ call, chat, me, callerName, looking: looking(), prefs });
        if (!shown) return;
        announced.add(call.id);
        show(shown, call.chatId);
        return;
      }
      if (event.type !== 'message.new') return;
      const { message } = event;
      // A first message from someone new: the chat arrives a moment after its message.
      const chat = messenger.store.get().chats[message.chatId] ?? (await chatSoon(messenger, message.chatId));
      const state = messenger.store.get();
      const me = state.me?.id;
      if (!me) return;
      const senderName = chat?.kind === 'direct' ? chat.title : (groups.knownName(message.chatId, message.senderId) ?? 'Someone');
      const shown = notificationFor({ message, chat, me, senderName, openChatId: state.activeChatId, looking: looking(), prefs });
      if (shown) show(shown, message.chatId);
    });
  }, [messenger, groups]);
}

/** The chat once the messenger has fetched it (a few seconds at most), else undefined. */
function chatSoon(messenger: Messenger, chatId: string): Promise<ChatView | undefined> {
  return new Promise((resolve) => {
    const done = (chat: ChatView | undefined) => {
      clearTimeout(timer);
      stop();
      resolve(chat);
    };
    const stop = messenger.store.subscribe(() => {
      const chat = messenger.store.get().chats[chatId];
      if (chat) done(chat);
    });
    const timer = setTimeout(() => done(undefined), 5000);
  });
}
