import { useEffect } from 'react';
import { useMessenger } from '../../app/context';
import type { Messenger } from '../../app/messenger';
import { pushSupported, serviceWorker } from '../../lib/web/push-subscription';
import { renewPushDevice } from './push-choice';

/**
 * The web client's half of push: the service worker is registered (it asks nothing), a push
 * subscription this browser already has is registered for the new session, and a clicked push
 * notification opens its chat — in this tab (the worker posts `confab.open-chat`) or, when no
 * tab was open, in the tab the worker opened at `/?chat=<id>`.
 */
export function useWebPush(): void {
  const messenger = useMessenger();
  useEffect(() => {
    if (messenger.backend.kind !== 'web') return;
    const stopDeepLink = openLinkedChat(messenger);
    if (!pushSupported()) return stopDeepLink;
    void serviceWorker()
      .then(() => renewPushDevice(messenger.backend))
      .catch(() => undefined);
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; chatId?: unknown } | null;
      if (data?.type === 'confab.open-chat' && typeof data.chatId === 'string') messenger.openChat(data.chatId);
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => {
      stopDeepLink();
      navigator.serviceWorker.removeEventListener('message', onMessage);
    };
  }, [messenger]);
}

/**
 * `/?chat=<id>` (what the worker opens): that chat opens once the chat list has it — the
 * messenger starts after this layout's first render — and the address loses the parameter.
 */
function openLinkedChat(messenger: Messenger): () => void {
  const chatId = new URLSearchParams(window.location.search).get('chat');
  if (!chatId) return () => undefined;
  const open = () => {
    if (!messenger.store.get().chats[chatId]) return false;
    stop();
    messenger.openChat(chatId);
    const url = new URL(window.location.href);
    url.searchParams.delete('chat');
    window.history.replaceState(null, '', url);
    return true;
  };
  const stop = messenger.store.subscribe(() => void open());
  open();
  return stop;
}
