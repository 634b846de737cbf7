import { ManualClock } from '@confab/api';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { bubble, signInThroughUi } from '@confab/testing/ui';
import { ensureWebBuild } from './support/web-build';

const HOUR = 3_600_000;
const sizes = { wide: { width: 1280, height: 800 }, narrow: { width: 360, height: 740 } } as const;
const themes = ['light', 'dark'] as const;

/**
 * Every screen in light and dark, wide and 360 px, saved under test-results/screens/ for people
 * to look at (CI keeps them as artefacts). The assertions only check each screen is the one
 * meant; how it looks is for eyes.
 */
describe('screens', () => {
  let server: TestServer, browser: Browser, viewer: WatchedPage;
  let chatWithBob = '';
  const alicePhone = newPhone();

  beforeAll(async () => {
    const webDir = await ensureWebBuild();
    // History over three days: the clock starts in the past and catches up before the UI signs in.
    const clock = new ManualClock(new Date(Date.now() - 50 * HOUR));
    server = await startTestServer({ env: { WEB_DIR: webDir }, clock });
    chatWithBob = await seedConversations(server, clock, alicePhone);
    clock.advance(Date.now() - clock.now().getTime());
    browser = await launchChromium();
    viewer = await openWatchedPage(browser);
    await signInThroughUi(viewer.page, server, alicePhone);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sign-in screens', async () => {
    const guest = await openWatchedPage(browser);
    try {
      for (const theme of themes) {
        for (const [size, viewport] of Object.entries(sizes)) {
          await guest.page.setViewportSize(viewport);
          await guest.page.emulateMedia({ colorScheme: theme });
          await guest.page.goto(server.url);
          await guest.page.getByLabel('Phone number').waitFor();
          await screenshot(guest.page, `screens/${theme}-${size}-signin-phone`);
          const phone = newPhone();
          await guest.page.getByLabel('Phone number').fill(phone);
          await guest.page.getByRole('button', { name: 'Send code' }).click();
          await guest.page.getByLabel('6-digit code').fill(server.codes.get(phone) === '999999' ? '111111' : '999999');
          await guest.page.getByRole('alert').waitFor();
          await screenshot(guest.page, `screens/${theme}-${size}-signin-code-error`);
        }
      }
      expect(guest.cspViolations).toEqual([]);
    } finally {
      await guest.context.close();
    }
  });

  for (const theme of themes) {
    for (const [size, viewport] of Object.entries(sizes)) {
      it(`${theme} ${size}`, async () => {
        const { page } = viewer;
        const shot = (name: string) => screenshot(page, `screens/${theme}-${size}-${name}`);
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: theme });
        // "System" theme: the page follows the emulated preference (its change event is async).
        await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);

        await showChatList(page);
        await shot('chats');

        await page.locator('.chat-item', { hasText: 'Bob Baker' }).click();
        await bubble(page, 'Sounds good, see you there').waitFor();
        await page.locator(`.conversation[data-chat-id="${chatWithBob}"]`).waitFor();
        await shot('conversation');

        const bobMessage = bubble(page, 'Lunch at noon tomorrow?');
        await bobMessage.hover();
        await bobMessage.getByRole('button', { name: 'Message actions' }).click();
        await page.getByRole('menu', { name: 'Message actions' }).waitFor();
        await shot('message-menu');
        await page.keyboard.press('Escape');

        await page.keyboard.press('Control+k');
        await page.getByRole('searchbox', { name: 'Search messages' }).fill('lunch');
        await page.locator('.search-result mark').first().waitFor();
        await shot('search');
        await page.keyboard.press('Escape');

        await showChatList(page);
        await page.getByRole('button', { name: 'New chat' }).first().click();
        await page.getByRole('complementary', { name: 'New chat' }).waitFor();
        await shot('new-chat');
        await page.keyboard.press('Escape');

        await page.getByRole('button', { name: 'Your profile' }).click();
        await page.getByRole('dialog', { name: 'Your profile' }).getByRole('img', { name: /QR code/ }).waitFor();
        await shot('profile');
        await page.keyboard.press('Escape');

        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('dialog', { name: 'Settings' }).waitFor();
        await shot('settings');
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      });
    }
  }

  it('the theme chosen in settings wins over the system and survives a reload', async () => {
    const { page } = viewer;
    await page.setViewportSize(sizes.wide);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByText('Dark', { exact: true }).click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await page.reload();
    await page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    expect(viewer.cspViolations).toEqual([]);
    expect(viewer.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});

/** On a phone-sized screen the list and the conversation are separate screens. */
async function showChatList(page: Page): Promise<void> {
  const back = page.getByRole('button', { name: 'Back to chats' });
  if (await back.isVisible()) await back.click();
  await page.locator('.chat-list').waitFor();
}

/** Alice's chats: a long one with Bob over three days (replies, reactions, edits, a deletion), and unread messages from Carol. */
async function seedConversations(server: TestServer, clock: ManualClock, alicePhone: string): Promise<string> {
  let [alice, bob, carol] = [await signIn(server, alicePhone), await signIn(server), await signIn(server)];
  // Access tokens last 15 minutes of server time: after a jump of hours, everyone signs in again.
  const nextDay = async () => {
    clock.advance(20 * HOUR);
    await Promise.all([alice.close(), bob.close(), carol.close()]);
    [alice, bob, carol] = [await signIn(server, alice.phone), await signIn(server, bob.phone), await signIn(server, carol.phone)];
  };
  try {
    await alice.trpc.me.update.mutate({ name: 'Alice Adams', about: 'Planning the next trip' });
    await bob.trpc.me.update.mutate({ name: 'Bob Baker', about: 'Coffee first' });
    await carol.trpc.me.update.mutate({ name: 'Carol Chen' });
    const chat = await alice.trpc.chats.openDirect.mutate({ userId: bob.user.id });
    const say = async (who: SignedInUser, text: string, extra: { replyToId?: string } = {}) => {
      clock.advance(2 * 60_000);
      return who.trpc.messages.send.mutate({ chatId: chat.id, clientId: crypto.randomUUID(), kind: 'text', text, ...extra });
    };

    await say(bob, 'Hey Alice! Are we still on for planning the trip?');
    await say(alice, 'Yes! I made a list of places.');
    const list = await say(alice, '1. Lisbon\n2. Porto\n3. Sintra\n\nOpen to more ideas 🙂');
    await bob.trpc.messages.react.mutate({ messageId: list.id, emoji: '❤️' });
    await nextDay();
    const guide = await say(bob, 'Perfect. Here is the guide I mentioned: https://example.com/portugal-guide');
    const thanks = await say(alice, 'Thanks, reading it now', { replyToId: guide.id });
    await alice.trpc.messages.edit.mutate({ messageId: thanks.id, text: 'Thanks, reading it now 📖' });
    const oops = await say(bob, 'oops, wrong chat');
    await bob.trpc.messages.delete.mutate({ messageId: oops.id, forEveryone: true });
    await say(bob, 'The trains from Lisbon to Sintra leave every 20 minutes or so, and the ride takes about forty minutes. We could do Sintra as a day trip and stay in Lisbon the whole time, which saves packing twice.');
    await nextDay();
    const lunch = await say(bob, 'Lunch at noon tomorrow?');
    await alice.trpc.messages.react.mutate({ messageId: lunch.id, emoji: '👍' });
    await say(alice, 'Sounds good, see you there');
    await alice.trpc.chats.markRead.mutate({ chatId: chat.id, seq: lunch.seq });
    await bob.trpc.chats.markRead.mutate({ chatId: chat.id, seq: lunch.seq + 1 });

    const withCarol = await carol.trpc.chats.openDirect.mutate({ userId: alice.user.id });
    for (const text of ['Did you get the photos from Saturday?', 'Let me know when you are free for a call']) {
      clock.advance(60_000);
      await carol.trpc.messages.send.mutate({ chatId: withCarol.id, clientId: crypto.randomUUID(), kind: 'text', text });
    }
    return chat.id;
  } finally {
    await Promise.all([alice.close(), bob.close(), carol.close()]);
  }
}
