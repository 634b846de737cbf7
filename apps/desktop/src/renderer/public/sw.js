// The web client's service worker: shows Web Push notifications while no tab of Confab is being
// looked at, and opens the chat when one is clicked. Plain JavaScript served as it is (at the
// site's root, so its scope is the whole app); it never fetches, so the app's CSP is untouched.
// The payload is the server's PushPayload (packages/api/src/notifications/push.ts): { title,
// body, chatId, tag } — with previews off the server already left the message text out.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The app's URL that opens a chat (App reads `?chat=`), or the app itself. */
function chatUrl(chatId) {
  const url = new URL('/', self.location.origin);
  if (chatId) url.searchParams.set('chat', chatId);
  return url.href;
}

function parse(data) {
  try {
    const payload = data ? data.json() : null;
    if (payload && typeof payload.title === 'string') return payload;
  } catch {
    // Not JSON: show the general notice below.
  }
  return { title: 'Confab', body: 'New notification', chatId: null, tag: 'confab' };
}

self.addEventListener('push', (event) => {
  const payload = parse(event.data);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      // A tab the user is looking at shows the message itself (and its own notifications).
      if (windows.some((w) => w.focused && w.visibilityState === 'visible')) return;
      await self.registration.showNotification(payload.title, {
        body: payload.body ?? '',
        tag: payload.tag ?? payload.chatId ?? 'confab',
        icon: '/favicon.svg',
        data: { chatId: payload.chatId ?? null },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const chatId = event.notification.data?.chatId ?? null;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        // A signed-in tab keeps its session: tell it which chat to open, then bring it forward.
        open.postMessage({ type: 'confab.open-chat', chatId });
        try {
          await open.focus();
        } catch {
          // Focusing needs the click's user activation; the chat is open either way.
        }
        return;
      }
      await self.clients.openWindow(chatUrl(chatId));
    })(),
  );
});
