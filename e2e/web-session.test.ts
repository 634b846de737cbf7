import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, openWatchedPage, type WatchedPage } from '@confab/testing/browser';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { bubble, completeSignIn, sendMessage, setProfileName, signInThroughUi } from '@confab/testing/ui';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webClientSuite } from './support/web-suite';

/**
 * The web client's sign-in belongs to the browser, as WhatsApp Web's does: every tab shares it,
 * it outlives a restart, the tabs never spend the same refresh token twice (the server would end
 * the session as stolen), and signing out in one tab signs out all of them.
 */
describe('one sign-in per browser, shared by its tabs (Chromium)', () => {
  let server: TestServer, browser: Browser, ana: WatchedPage, ben: SignedInUser, chatId: string;
  const anaPhone = newPhone();
  const tabs: Page[] = [];

  /** Another tab of Ana's browser on the app (a page in the same browser context). */
  async function newTab(): Promise<Page> {
    const tab = await ana.context.newPage();
    tabs.push(tab);
    await tab.goto(server.url);
    return tab;
  }
  const chatRow = (page: Page) => page.locator(`.chat-item[data-chat-id="${chatId}"]`);

  webClientSuite({
    name: 'web-session',
    pages: () => [ana.page, ...tabs.filter((t) => !t.isClosed())],
    teardown: async () => void (await ben?.close()),
    setup: async (s, b) => {
      [server, browser] = [s, b];
      ana = await openWatchedPage(browser);
      // Time in Ana's tabs is the test's to move (see the refresh test); it runs as usual until then.
      await ana.context.clock.install();
      await signInThroughUi(ana.page, server, anaPhone);
      await setProfileName(ana.page, 'Ana Alves');
      ben = await signIn(server);
      await ben.trpc.me.update.mutate({ name: 'Ben Brown' });
      const anaId = (await ben.trpc.users.lookup.mutate({ phones: [anaPhone] }))[0]!.user!.id;
      chatId = (await ben.trpc.chats.openDirect.mutate({ userId: anaId })).id;
      await ben.trpc.messages.send.mutate({ chatId, clientId: 'hello', text: 'Hello from Ben' });
    },
  });

  it('a second tab opens signed in; no token is in localStorage', async () => {
    const second = await newTab();
    await second.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
    await chatRow(second).getByText('Hello from Ben').waitFor();
    // localStorage says who is signed in; the refresh token is in IndexedDB, the access token in memory.
    const stored = await second.evaluate(() => JSON.parse(localStorage.getItem('confab.session')!) as Record<string, unknown>);
    expect(Object.keys(stored).sort()).toEqual(['sessionId', 'user']);
    // Both tabs are one device in Linked devices.
    const anaApi = await signIn(server, anaPhone, 'api');
    expect((await anaApi.trpc.auth.sessions.query()).filter((s) => s.deviceName.startsWith('Confab Web'))).toHaveLength(1);
    await anaApi.close();
  });

  it('two tabs refreshing at the same moment keep the session', async () => {
    const [first, second] = [ana.page, tabs[0]!];
    const refreshes: string[] = [];
    ana.context.on('request', (request) => {
      if (request.url().includes('auth.refresh')) refreshes.push(request.url());
    });
    // Twenty minutes on in both tabs at once: each one's access token (15 minutes) is due for
    // renewal, and both renewal timers fire together.
    await Promise.all([first.clock.fastForward('20:00'), second.clock.fastForward('20:00')]);
    await expect.poll(() => refreshes.length).toBeGreaterThan(0);

    // Still signed in, in both tabs: each hears Ben and can write.
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'after-refresh', text: 'Still there?' });
    for (const tab of [first, second]) await chatRow(tab).getByText('Still there?').waitFor();
    await chatRow(second).click();
    await sendMessage(second, 'Yes, both tabs');
    await bubble(second, 'Yes, both tabs').waitFor();
    await expect.poll(async () => (await ben.trpc.messages.history.query({ chatId, limit: 20 })).messages.map((m) => m.text)).toContain('Yes, both tabs');
    // The server never saw a refresh token twice (that would have ended the session).
    const anaApi = await signIn(server, anaPhone, 'api');
    expect((await anaApi.trpc.auth.sessions.query()).filter((s) => s.deviceName.startsWith('Confab Web'))).toHaveLength(1);
    await anaApi.close();
    expect(ana.errors).toEqual([]);
  });

  it('signing out in one tab signs out every tab', async () => {
    const second = tabs[0]!;
    await ana.page.getByRole('button', { name: 'Settings' }).click();
    await ana.page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Sign out', exact: true }).click();
    await ana.page.getByLabel('Phone number').waitFor();
    await second.getByLabel('Phone number').waitFor();
    expect(await second.evaluate(() => localStorage.getItem('confab.session'))).toBeNull();

    // Signing in again in one tab brings the other along.
    await completeSignIn(second, server, anaPhone);
    await ana.page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
  });

  it('the sign-in survives closing the browser and starting it again', async () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'confab-profile-'));
    const launch = () => chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless=new'], viewport: { width: 1280, height: 800 } });
    try {
      const before = await launch();
      const page = before.pages()[0] ?? (await before.newPage());
      await page.goto(server.url);
      await completeSignIn(page, server, newPhone());
      await before.close();

      const after = await launch();
      const again = after.pages()[0] ?? (await after.newPage());
      await again.goto(server.url);
      await again.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
      await after.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
