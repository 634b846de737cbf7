import { openWatchedPage, screenSizes, screenshot, screenshotEverySize, type WatchedPage } from '@confab/testing/browser';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import type { TestServer } from '@confab/testing/test-server';
import { accessTokenOf, setProfileName, signInThroughUi } from '@confab/testing/ui';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webClientSuite } from './support/web-suite';

const sizes = screenSizes;

/**
 * "New chat" as in WhatsApp Desktop and Telegram, in Chromium: a contact picker in the chat
 * list's place, searched by name or number and driven from the keyboard; a typed number that is
 * none of Ana's contacts opens the chat with whoever has it, or offers an invitation. And a
 * stranger's call, which does not ring Ana (she takes messages only from contacts), is there in
 * the message request it leaves.
 */
describe('the New chat picker in Chromium', () => {
  let server: TestServer;
  let ana: WatchedPage;
  const people: SignedInUser[] = [];
  const panel = (page: Page) => page.getByRole('complementary', { name: 'New chat' });
  const search = (page: Page) => panel(page).getByRole('combobox', { name: 'Search name or number' });
  /** The names the picker lists, top to bottom. */
  const names = (page: Page) => panel(page).locator('[role="option"] .new-chat__name').allTextContents();
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

  async function person(name: string, about?: string): Promise<SignedInUser> {
    const user = await signIn(server);
    people.push(user);
    await user.trpc.me.update.mutate({ name, ...(about ? { about } : {}) });
    return user;
  }

  async function openPicker(page: Page) {
    await page.getByRole('button', { name: 'New chat' }).first().click();
    await search(page).waitFor();
    // Focused on open: typing goes straight into the search.
    await expect.poll(() => focused(page)).toBe('Search name or number');
  }

  const shootAll = screenshotEverySize;


  /** Back to the chat list on its own, as a phone-width user is when they tap New chat. */
  async function closeChat(page: Page) {
    await page.setViewportSize(sizes.narrow);
    await page.getByRole('button', { name: 'Back to chats' }).click();
    await page.setViewportSize(sizes.wide);
  }

  webClientSuite({
    name: 'new-chat',
    pages: () => [ana.page],
    setup: async (s, browser) => {
      server = s;
      ana = await openWatchedPage(browser, sizes.wide);
    },
    teardown: async () => {
      await Promise.all(people.map((p) => p.close()));
    },
  });

  it('with no contacts: an empty picker with New group and New contact; Esc goes back to the chats', async () => {
    await signInThroughUi(ana.page, server, newPhone());
    await setProfileName(ana.page, 'Ana Alves');
    await openPicker(ana.page);
    await panel(ana.page).getByText('No contacts yet.', { exact: false }).waitFor();
    expect(await names(ana.page)).toEqual(['New group', 'New contact']);
    // It takes the chat list's place, as WhatsApp's panel does.
    expect(await ana.page.getByRole('complementary', { name: 'Chats' }).count()).toBe(0);
    await shootAll(ana.page, 'new-chat-empty');
    await ana.page.keyboard.press('Escape');
    await panel(ana.page).waitFor({ state: 'hidden' });
    await expect.poll(() => focused(ana.page)).toBe('New chat');
  });

  it('lists contacts with their photo and about, filters as Ana types, and Enter opens the chat', async () => {
    const [ben, cy] = [await person('Ben Brown', 'At the gym'), await person('Cy Costa')];
    const token = await accessTokenOf(ana.page);
    const api = createTestClient(server.url, () => token);
    for (const friend of [ben, cy]) await api.trpc.contacts.add.mutate({ userId: friend.user.id });
    await api.close();

    await openPicker(ana.page);
    await expect.poll(() => names(ana.page)).toEqual(['New group', 'New contact', 'Ben Brown', 'Cy Costa']);
    await panel(ana.page).getByRole('option', { name: /Ben Brown At the gym/ }).waitFor();
    await shootAll(ana.page, 'new-chat-contacts');

    // The keyboard moves through the rows from the search box; the row it is on is announced.
    const selected = () => panel(ana.page).locator('[role="option"][aria-selected="true"] .new-chat__name').textContent();
    expect(await selected()).toBe('New group');
    await ana.page.keyboard.press('ArrowUp');
    expect(await selected()).toBe('Cy Costa');
    await ana.page.keyboard.press('ArrowDown');
    expect(await selected()).toBe('New group');

    // By name, then by a few digits of the number, however typed.
    await ana.page.keyboard.type('cy');
    await expect.poll(() => names(ana.page)).toEqual(['Cy Costa']);
    await search(ana.page).fill(ben.phone.slice(-4));
    await expect.poll(() => names(ana.page)).toEqual(['Ben Brown']);
    await search(ana.page).fill('nobody here');
    await panel(ana.page).getByText('No contact matches “nobody here”.', { exact: false }).waitFor();
    await search(ana.page).fill('ben');
    await expect.poll(() => names(ana.page)).toEqual(['Ben Brown']);
    await shootAll(ana.page, 'new-chat-search');
    await ana.page.keyboard.press('Enter');
    await panel(ana.page).waitFor({ state: 'hidden' });
    await ana.page.getByRole('region', { name: 'Chat with Ben Brown' }).waitFor();
  });

  it('a typed number that is not a contact opens the chat with whoever has it on Confab', async () => {
    const dee = await person('Dee Dias');
    await closeChat(ana.page);
    await openPicker(ana.page);
    await search(ana.page).fill(dee.phone);
    const row = panel(ana.page).getByRole('option', { name: `Chat with ${dee.phone} Not in your contacts` });
    await row.waitFor();
    expect(await names(ana.page)).toEqual([`Chat with ${dee.phone}`]);
    await shootAll(ana.page, 'new-chat-number');
    // A contact's own number is their row, not a second way to the same person.
    await search(ana.page).fill(people[0]!.phone);
    await expect.poll(() => names(ana.page)).toEqual(['Ben Brown']);
    await search(ana.page).fill(dee.phone);
    await ana.page.keyboard.press('Enter');
    await panel(ana.page).waitFor({ state: 'hidden' });
    await ana.page.getByRole('region', { name: 'Chat with Dee Dias' }).waitFor();
  });

  it('a typed number not on Confab offers the invitation', async () => {
    const stranger = newPhone();
    await closeChat(ana.page);
    await openPicker(ana.page);
    await search(ana.page).fill(stranger);
    await ana.page.keyboard.press('Enter');
    const invite = panel(ana.page).getByRole('group', { name: 'Not on Confab' });
    await invite.getByText(`${stranger} is not on Confab yet`).waitFor();
    await shootAll(ana.page, 'new-chat-invite');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await panel(ana.page).getByRole('status').getByText(`Invitation sent to ${stranger}.`).waitFor();
    // Typing something else takes the offer away.
    await search(ana.page).fill('cy');
    await expect.poll(() => invite.count()).toBe(0);
    await ana.page.keyboard.press('Escape');
    await panel(ana.page).waitFor({ state: 'hidden' });
  });

  it("the chat list's header fits 360 px: four actions and a ⋯ menu for the rarer ones, worked from the keyboard", async () => {
    const page = ana.page;
    await page.setViewportSize(sizes.narrow);
    const header = page.locator('.sidebar__header');
    // Every action on screen, none cut off, and the title still shown.
    const fits = () => header.evaluate((h) => h.scrollWidth <= h.clientWidth && [...h.querySelectorAll('button')].every((b) => b.getBoundingClientRect().right <= window.innerWidth));
    expect(await fits()).toBe(true);
    await page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
    const more = page.getByRole('button', { name: 'More', exact: true });
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'More' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Contacts', 'New group', 'Join group by link', 'Starred messages']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Contacts');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Starred messages');
    await shootAll(page, 'chat-list-menu');
    await page.setViewportSize(sizes.narrow);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('More');
    // ↓ on the button opens it too; Enter on an item does it.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Contacts');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'New group' }).waitFor();
    await page.keyboard.press('Escape');
    await page.setViewportSize(sizes.wide);
  });

  it("a stranger's call does not ring Ana, who takes messages only from contacts, and waits in the message request as a missed call", async () => {
    const token = await accessTokenOf(ana.page);
    const api = createTestClient(server.url, () => token);
    await api.trpc.settings.update.mutate({ privacy: { messageMe: 'contacts' } });
    const me = await api.trpc.me.get.query();
    await api.close();
    const eve = await person('Eve Evans');
    const chat = await eve.trpc.chats.openDirect.mutate({ userId: me.id });
    const { callId } = await eve.trpc.calls.start.mutate({ chatId: chat.id, video: false });
    await eve.trpc.calls.end.mutate({ callId });

    const folder = ana.page.getByRole('button', { name: /^Message requests/ });
    await expect.poll(() => folder.textContent()).toContain('1');
    await folder.click();
    await ana.page.locator('.chat-item', { hasText: 'Eve Evans' }).click();
    await ana.page.locator('.msg-call[data-outcome="missed"]', { hasText: 'Missed voice call' }).waitFor();
    await ana.page.getByRole('region', { name: 'Message request' }).getByText('is not in your contacts').waitFor();
    // It never rang.
    expect(await ana.page.getByRole('dialog', { name: /call/i }).count()).toBe(0);
    await screenshot(ana.page, 'screens/new-chat-missed-call-request');
    expect(ana.errors).toEqual([]);
  });
});
