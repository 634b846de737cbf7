import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { browserSubscription, decryptPush, selfSignedCertificate, startLoopbackPushService, type LoopbackPushService } from '@confab/testing/loopback-push-service';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { bubble, setProfileName, signInThroughUi } from '@confab/testing/ui';
import type { CDPSession, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webClientSuite } from './support/web-suite';

interface Shown {
  title: string;
  body: string;
  tag: string;
  chatId: string | null;
}

/** The parts of a service worker's global scope used here (the e2e project has no WebWorker lib). */
interface WorkerScope {
  registration: { getNotifications(): Promise<{ title: string; body: string; tag: string; data: unknown; close(): void }[]> };
  location: Location;
  dispatchEvent(event: Event): boolean;
  NotificationEvent: new (type: string, init: { notification: unknown }) => Event;
}

const tls = selfSignedCertificate();
if (!tls) console.warn('web-push e2e: openssl is not installed; skipping');

/**
 * Web Push in the web client, end to end. Chromium here reaches no push service, so the page's
 * PushManager hands out a subscription whose keys the test holds (its endpoint is a loopback
 * push service); what the server pushes there is decrypted by the test, as the browser would,
 * and handed to the service worker through the DevTools protocol (ServiceWorker.deliverPushMessage).
 * The browser's permission prompt is the one thing faked in the page: "Allow" is clicked.
 */
describe.skipIf(!tls)('Web Push in Chromium', () => {
  let server: TestServer, ana: WatchedPage, ben: SignedInUser, anaApi: SignedInUser, chatId: string;
  let push: LoopbackPushService, cdp: CDPSession, registrationId: string, worker: Worker;
  const anaPhone = newPhone();
  const subscription = () => sub;
  let sub: ReturnType<typeof browserSubscription>;

  webClientSuite({
    name: 'web-push',
    pages: () => [ana.page],
    env: { PUSH_ALLOW_LOOPBACK: '1' },
    teardown: async () => {
      await ben?.close();
      await anaApi?.close();
      await push?.close();
    },
    setup: async (s, browser) => {
      server = s;
      push = await startLoopbackPushService(tls!);
      sub = browserSubscription(`${push.url}/sub/ana`);
      ana = await openWatchedPage(browser);
      // The service worker shows notifications with the real permission; the page sees "default"
      // until its prompt is answered (the test's stand-in for clicking "Allow").
      await ana.context.grantPermissions(['notifications'], { origin: server.url });
      await ana.page.addInitScript((fake: { endpoint: string; keys: { p256dh: string; auth: string } }) => {
        const asked = () => localStorage.getItem('test.permission') ?? 'default';
        Object.defineProperty(Notification, 'permission', { get: asked, configurable: true });
        Notification.requestPermission = async () => {
          localStorage.setItem('test.permission', 'granted');
          return 'granted';
        };
        const made = () => ({
          endpoint: fake.endpoint,
          toJSON: () => ({ endpoint: fake.endpoint, expirationTime: null, keys: fake.keys }),
          unsubscribe: async () => {
            localStorage.removeItem('test.subscribed');
            return true;
          },
        });
        PushManager.prototype.getSubscription = async function () {
          return (localStorage.getItem('test.subscribed') ? made() : null) as unknown as PushSubscription;
        };
        PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
          if (!options?.userVisibleOnly || !options.applicationServerKey) throw new Error('subscribe needs userVisibleOnly and the VAPID key');
          localStorage.setItem('test.subscribed', String((options.applicationServerKey as Uint8Array).length));
          return made() as unknown as PushSubscription;
        };
      }, { endpoint: sub.endpoint, keys: sub.keys });

      cdp = await ana.context.newCDPSession(ana.page);
      const registered = new Promise<string>((resolve) => {
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          const active = versions.find((v) => v.runningStatus === 'running' && v.status === 'activated');
          if (active) resolve(active.registrationId);
        });
      });
      await cdp.send('ServiceWorker.enable');
      const workerStarted = ana.context.waitForEvent('serviceworker');
      await signInThroughUi(ana.page, server, anaPhone);
      [registrationId, worker] = await Promise.all([registered, workerStarted]);
      await setProfileName(ana.page, 'Ana Alves');
      [ben, anaApi] = await Promise.all([signIn(server), signIn(server, anaPhone)]);
      await ben.trpc.me.update.mutate({ name: 'Ben Brown' });
      chatId = (await ben.trpc.chats.openDirect.mutate({ userId: anaApi.user.id })).id;
    },
  });

  /** The notifications the service worker is showing. */
  const shown = () =>
    worker.evaluate(async () => {
      const sw = self as unknown as WorkerScope;
      const list = await sw.registration.getNotifications();
      return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, chatId: (n.data as { chatId: string | null }).chatId }));
    }) as Promise<Shown[]>;
  const clearShown = () => worker.evaluate(async () => (await (self as unknown as WorkerScope).registration.getNotifications()).forEach((n) => n.close()));

  /** Ben writes until the server pushes to Ana's subscription (her closed tab's stream may take a moment to end); the push as the browser would decrypt it. */
  async function benWritesUntilPushed(text: string): Promise<string> {
    const before = push.received.get('/sub/ana')?.length ?? 0;
    let n = 0;
    await expect
      .poll(
        async () => {
          await ben.trpc.messages.send.mutate({ chatId, clientId: `push-${text}-${n++}`, text });
          return push.received.get('/sub/ana')?.length ?? 0;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBeGreaterThan(before);
    return decryptPush(push.received.get('/sub/ana')!.at(-1)!, subscription());
  }

  /** Settings → Notifications, the page with the server's switches and this browser's. */
  async function openNotificationSettings() {
    await ana.page.getByRole('button', { name: 'Settings' }).click();
    await ana.page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Notifications/ }).click();
    return ana.page.getByRole('dialog', { name: 'Notifications' });
  }

  const deliver = (data: string) => cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data });

  it('explains push in a banner and subscribes only when asked', async () => {
    const banner = ana.page.getByRole('region', { name: 'Get notified when Confab is closed' });
    await banner.getByText('New messages can appear as notifications even with no Confab tab open.').waitFor();
    expect(await ana.page.evaluate(() => localStorage.getItem('test.subscribed'))).toBeNull();
    await screenshot(ana.page, 'push-prompt-light');
    await ana.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(ana.page, 'push-prompt-dark');
    await ana.page.setViewportSize({ width: 360, height: 740 });
    await screenshot(ana.page, 'push-prompt-360');
    await ana.page.setViewportSize({ width: 1280, height: 800 });
    await ana.page.emulateMedia({ colorScheme: 'light' });

    await banner.getByRole('button', { name: 'Turn on' }).click();
    await banner.waitFor({ state: 'hidden' });
    // Subscribed with the server's 65-byte VAPID key, and registered as Ana's web push device.
    expect(await ana.page.evaluate(() => localStorage.getItem('test.subscribed'))).toBe('65');
    await expect.poll(async () => (await anaApi.trpc.devices.list.query()).devices.map((d) => ({ kind: d.kind, name: d.name }))).toEqual([{ kind: 'webpush', name: 'Chrome on Linux' }]);

    const settings = await openNotificationSettings();
    await expect.poll(() => settings.getByRole('switch', { name: 'Notify when Confab is closed' }).isChecked()).toBe(true);
    await settings.getByRole('button', { name: 'Close' }).click();
  });

  it('a push to a closed app shows who wrote and what', async () => {
    await ana.page.goto('about:blank');
    const payload = await benWritesUntilPushed('Dinner at eight?');
    expect(JSON.parse(payload)).toEqual({ title: 'Ben Brown', body: 'Dinner at eight?', chatId, tag: chatId });
    await deliver(payload);
    await expect.poll(shown).toEqual([{ title: 'Ben Brown', body: 'Dinner at eight?', tag: chatId, chatId }]);
    await clearShown();
  });

  it('with previews off the notification carries no message text', async () => {
    await anaApi.trpc.settings.update.mutate({ notifications: { preview: false } });
    const payload = await benWritesUntilPushed('The secret plan');
    expect(payload).not.toContain('secret');
    await deliver(payload);
    await expect.poll(shown).toEqual([{ title: 'Confab', body: 'New message', tag: chatId, chatId }]);
    await clearShown();
    await anaApi.trpc.settings.update.mutate({ notifications: { preview: true } });
  });

  it('clicking the notification opens the chat in the app', async () => {
    // Shown while no tab of the app was open; Ana opens it again before clicking.
    await deliver(JSON.stringify({ title: 'Ben Brown', body: 'Dinner at eight?', chatId, tag: chatId }));
    await expect.poll(shown).toEqual([{ title: 'Ben Brown', body: 'Dinner at eight?', tag: chatId, chatId }]);
    await ana.page.goto(server.url);
    await ana.page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
    // CDP cannot click a system notification: the worker's click handler gets the event a click makes.
    await worker.evaluate(async () => {
      const sw = self as unknown as WorkerScope;
      const [notification] = await sw.registration.getNotifications();
      sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification: notification! }));
    });
    await ana.page.locator('.conversation__title', { hasText: 'Ben Brown' }).waitFor();
    await bubble(ana.page, 'Dinner at eight?').first().waitFor();
    await expect.poll(shown).toEqual([]);
  });

  it('with no tab open, the click opens a new tab at the chat, signed in', async () => {
    // Every tab of the app closed; the push arrives and is shown by the worker.
    await ana.page.goto('about:blank');
    const payload = await benWritesUntilPushed('Are you coming?');
    await deliver(payload);
    await expect.poll(shown).toEqual([{ title: 'Ben Brown', body: 'Are you coming?', tag: chatId, chatId }]);
    // The click: with no window of the app left, the worker opens one. A synthetic click carries
    // no user activation, which the browser's openWindow insists on, so the worker's request is
    // taken down here and the test opens that tab, as the browser would.
    await worker.evaluate(async () => {
      const sw = self as unknown as WorkerScope & { clients: { openWindow(url: string): Promise<unknown> }; __asked?: string };
      sw.clients.openWindow = async (url: string) => void (sw.__asked = url);
      const [notification] = await sw.registration.getNotifications();
      sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification: notification! }));
    });
    const asked = () => worker.evaluate(() => (self as unknown as { __asked?: string }).__asked ?? null);
    await expect.poll(asked).not.toBeNull();
    const url = new URL((await asked())!);
    expect(url.searchParams.get('chat')).toBe(chatId);
    const tab = await ana.context.newPage();
    await tab.goto(url.href);
    // A new tab, with nothing of the old one: signed in from the browser's shared sign-in, on the chat.
    await tab.locator('.conversation__title', { hasText: 'Ben Brown' }).waitFor();
    await bubble(tab, 'Are you coming?').first().waitFor();
    expect(new URL(tab.url()).search).toBe('');
    await tab.close();
    await ana.page.goto(server.url);
    await ana.page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
  });

  it('Settings → Notifications reads and writes the server settings', async () => {
    await anaApi.trpc.settings.update.mutate({ notifications: { reactions: false } });
    const settings = await openNotificationSettings();
    const toggle = (name: string) => settings.getByRole('switch', { name, exact: true });
    // Every switch reads off until the settings arrive: wait for one that is on.
    await expect.poll(() => toggle('Messages').isChecked()).toBe(true);
    expect(await toggle('Reactions').isChecked()).toBe(false);
    await toggle('Show preview').uncheck();
    await toggle('Groups').uncheck();
    await expect
      .poll(async () => (await anaApi.trpc.settings.get.query()).notifications)
      .toEqual({ preview: false, sound: true, messages: true, groups: false, stories: true, reactions: false });
    // Another device's change shows here at once.
    await anaApi.trpc.settings.update.mutate({ notifications: { groups: true } });
    await expect.poll(() => toggle('Groups').isChecked()).toBe(true);
    await toggle('Show preview').scrollIntoViewIfNeeded();
    await screenshot(ana.page, 'notification-settings-light');
    await ana.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(ana.page, 'notification-settings-dark');
    await ana.page.setViewportSize({ width: 360, height: 740 });
    await toggle('Notify when Confab is closed').scrollIntoViewIfNeeded();
    await screenshot(ana.page, 'notification-settings-360-dark');
    await ana.page.emulateMedia({ colorScheme: 'light' });
    await screenshot(ana.page, 'notification-settings-360');
    await ana.page.setViewportSize({ width: 1280, height: 800 });
    await toggle('Show preview').check();
    await settings.getByRole('button', { name: 'Close' }).click();
  });

  it('signing out removes this browser as a push device', async () => {
    await ana.page.getByRole('button', { name: 'Settings' }).click();
    await ana.page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Sign out', exact: true }).click();
    await ana.page.getByLabel('Phone number').waitFor();
    await expect.poll(async () => (await anaApi.trpc.devices.list.query()).devices).toEqual([]);
    expect(await ana.page.evaluate(() => localStorage.getItem('test.subscribed'))).toBeNull();
    expect(ana.cspViolations).toEqual([]);
    expect(ana.errors).toEqual([]);
  });
});
