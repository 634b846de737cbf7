import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import type { TestServer } from '@confab/testing/test-server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openWatchedPage, screenSizes, screenshotEverySize, type WatchedPage } from '@confab/testing/browser';
import { accessTokenOf, bubble, sendMessage, setProfileName, signInThroughUi } from '@confab/testing/ui';
import { webClientSuite } from './support/web-suite';

const sizes = screenSizes;

/**
 * Contacts as WhatsApp and Signal users expect them, in two Chromium tabs: Ana adds Ben by his
 * number and sends a friend request, Ben sees it arrive and accepts, both find each other in
 * Contacts and chat from there; a stranger's first message waits under "Message requests"
 * until accepted; the chips over the chat list filter it by unread, groups and labels.
 */
describe('contacts, friend requests, message requests and chat-list filters in Chromium', () => {
  let server: TestServer;
  let ana: WatchedPage, ben: WatchedPage;
  const anaPhone = newPhone();
  const benPhone = newPhone();
  const strangers: SignedInUser[] = [];
  const chatItem = (page: Page, name: string) => page.locator('.chat-item', { hasText: name });
  const contactsPanel = (page: Page) => page.getByRole('complementary', { name: 'Contacts' });
  const chatList = (page: Page) => page.getByRole('navigation', { name: 'Chat list' });
  const chip = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Filter chats' }).getByRole('button', { name, exact: true });
  /** The chats the list shows, top to bottom. */
  const listedChats = (page: Page) => page.locator('.chat-list__items .chat-item__title').allTextContents();

  /** Contacts (in the chat list's ⋯ menu) opens in place of the chat list; Requests is one of its rows. */
  async function openContacts(page: Page, view: 'Contacts' | 'Requests' = 'Contacts') {
    await page.getByRole('button', { name: /^More/ }).click();
    await page.getByRole('menu', { name: 'More' }).getByRole('menuitem', { name: /^Contacts/ }).click();
    if (view === 'Requests') await contactsPanel(page).getByRole('button', { name: /^Friend requests/ }).click();
  }

  const shootAll = screenshotEverySize;


  async function apiOf(page: Page) {
    const token = await accessTokenOf(page);
    return createTestClient(server.url, () => token);
  }

  webClientSuite({
    name: 'contacts',
    pages: () => [ana.page, ben.page],
    setup: async (s, browser) => {
      server = s;
      ana = await openWatchedPage(browser, sizes.wide);
      ben = await openWatchedPage(browser, sizes.wide);
    },
    teardown: async () => {
      await Promise.all(strangers.map((s) => s.close()));
    },
  });

  it('Ana finds Ben by his number and sends a friend request; Ben sees it live and accepts', async () => {
    await signInThroughUi(ana.page, server, anaPhone);
    await setProfileName(ana.page, 'Ana Alves');
    await signInThroughUi(ben.page, server, benPhone);
    await setProfileName(ben.page, 'Ben Brown');

    // Contacts takes the chat list's place, as WhatsApp's "New chat" panel does.
    await openContacts(ana.page);
    const panel = contactsPanel(ana.page);
    await panel.getByText('No contacts yet.').waitFor();
    expect(await ana.page.getByRole('complementary', { name: 'Chats' }).count()).toBe(0);
    await shootAll(ana.page, 'contacts-panel-empty');
    await panel.getByRole('button', { name: 'New contact' }).click();
    await panel.getByLabel('Add by phone number').fill(benPhone);
    await panel.getByRole('button', { name: 'Find' }).click();
    const found = panel.getByRole('group', { name: 'Found Ben Brown' });
    await found.getByRole('button', { name: 'Send friend request' }).click();
    await panel.getByRole('status').getByText('Friend request sent to Ben Brown.').waitFor();
    await found.getByRole('button', { name: 'Request sent' }).waitFor();
    await panel.getByRole('button', { name: 'Back to contacts' }).click();
    await panel.getByRole('button', { name: /^Friend requests/ }).click();
    await panel.getByRole('list', { name: 'Sent requests' }).getByText('Ben Brown').waitFor();

    // Ben's header counts it without a reload (on its ⋯ menu, and Contacts in it); his friend requests show who asked.
    await ben.page.getByRole('button', { name: 'More, 1 friend request' }).click();
    await ben.page.getByRole('menuitem', { name: 'Contacts, 1 friend request' }).click();
    await contactsPanel(ben.page).getByRole('button', { name: 'Friend requests 1 waiting' }).waitFor();
    await shootAll(ben.page, 'contacts-panel-request-waiting');
    await contactsPanel(ben.page).getByRole('button', { name: /^Friend requests/ }).click();
    const received = contactsPanel(ben.page).getByRole('list', { name: 'Received requests' });
    await received.getByText('Ana Alves').waitFor();
    await shootAll(ben.page, 'contacts-requests');
    await received.getByRole('button', { name: 'Accept Ana Alves' }).click();
    await contactsPanel(ben.page).getByText('No friend requests waiting for you.').waitFor();

    // Ana's sent request goes away by itself, and each is in the other's contacts.
    await panel.getByText('No requests waiting for an answer.').waitFor();
    await panel.getByRole('button', { name: 'Back to contacts' }).click();
    await panel.getByRole('list', { name: 'Your contacts' }).getByText('Ben Brown').waitFor();
    // Esc goes one step back: from the requests to the contacts, then to the chat list.
    await ben.page.keyboard.press('Escape');
    await contactsPanel(ben.page).getByRole('list', { name: 'Your contacts' }).getByText('Ana Alves').waitFor();
    await ben.page.keyboard.press('Escape');
    await contactsPanel(ben.page).waitFor({ state: 'hidden' });
    await ben.page.getByRole('button', { name: 'More', exact: true }).waitFor();
    await expect.poll(() => ben.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('More');
  });

  it('searches contacts by name and number, renames one, and invites a number not on Confab', async () => {
    const panel = contactsPanel(ana.page);
    const list = panel.getByRole('list', { name: 'Your contacts' });
    const search = panel.getByRole('searchbox', { name: 'Search contacts' });
    await search.fill('ben');
    await list.getByText('Ben Brown').waitFor();
    await search.fill(benPhone.slice(-4));
    await list.getByText('Ben Brown').waitFor();
    await search.fill('nobody here');
    await panel.getByText('No contact matches “nobody here”.').waitFor();
    await search.fill('');

    // An alias only Ana sees: the list shows it, with his own name beside it.
    await list.getByRole('button', { name: 'Rename Ben Brown' }).click();
    await list.getByLabel('Name for Ben Brown').fill('Benny');
    await list.getByRole('button', { name: 'Save' }).click();
    await list.getByText('Benny', { exact: true }).waitFor();
    await list.getByText(/~Ben Brown/).waitFor();
    await shootAll(ana.page, 'contacts-list');

    const stranger = newPhone();
    await panel.getByRole('button', { name: 'New contact' }).click();
    await panel.getByLabel('Add by phone number').fill(stranger);
    await panel.getByRole('button', { name: 'Find' }).click();
    const invite = panel.getByRole('group', { name: 'Not on Confab' });
    await invite.getByText('is not on Confab yet').waitFor();
    await invite.getByRole('button', { name: 'Invite' }).click();
    await panel.getByRole('status').getByText(/^Invitation sent to /).waitFor();
  });

  it('when the text cannot be sent, offers the invite link to copy or share instead', async () => {
    const page = ana.page;
    const panel = contactsPanel(page);
    const invite = panel.getByRole('group', { name: 'Not on Confab' });
    const stranger = (await invite.textContent())!.match(/\+\d+/)![0];
    // Ben invited the same number too: a third text to it today is refused ("share your link instead").
    const benApi = await apiOf(ben.page);
    await benApi.trpc.contacts.invite.mutate({ phone: stranger });
    await benApi.close();
    await ana.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    // The system share sheet, where the browser has one: recorded here (headless Chromium has none).
    await page.evaluate(() => {
      const record = window as unknown as { __shared: ShareData[] };
      record.__shared = [];
      navigator.share = async (data?: ShareData) => void record.__shared.push(data ?? {});
    });

    await invite.getByRole('button', { name: 'Invite' }).click();
    await invite.getByRole('alert').getByText('This number was invited recently; share your link instead').waitFor();
    const linkBox = invite.getByRole('group', { name: 'Your invite link' });
    await expect.poll(() => linkBox.getByTestId('invite-link').textContent()).toMatch(/\/qr\/[\w-]{8,}$/);
    const link = (await linkBox.getByTestId('invite-link').textContent())!;
    await shootAll(page, 'invite-fallback');

    await linkBox.getByRole('button', { name: 'Copy link' }).click();
    await linkBox.getByRole('status').getByText('Link copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await linkBox.getByRole('button', { name: 'Share…' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared)).toEqual([expect.objectContaining({ url: link })]);
    // The refused invitation is the one failed request the browser logged; nothing else went wrong.
    expect(ana.errors).toEqual([expect.stringMatching(/429 \(Too Many Requests\).*contacts\.invite/)]);
    ana.errors.length = 0;

    // The panel's own "Invite a friend" page offers the same link.
    await panel.getByRole('button', { name: 'Back to contacts' }).click();
    await panel.getByRole('button', { name: 'Invite a friend' }).click();
    await expect.poll(() => panel.getByTestId('invite-link').textContent()).toBe(link);
    await panel.getByRole('button', { name: 'Back to contacts' }).click();
  });

  it('starts a chat from Contacts', async () => {
    await contactsPanel(ana.page).getByRole('button', { name: 'Message Benny' }).click();
    await contactsPanel(ana.page).waitFor({ state: 'hidden' });
    await ana.page.getByRole('region', { name: 'Chat with Ben Brown' }).waitFor();
    await sendMessage(ana.page, 'Hello from Contacts');
    await chatItem(ben.page, 'Ana Alves').click();
    await bubble(ben.page, 'Hello from Contacts').waitFor();
  });

  it("a stranger's first message waits under Message requests; Accept moves it into the chat list, Delete takes it away", async () => {
    const benApi = await apiOf(ben.page);
    await benApi.trpc.settings.update.mutate({ privacy: { messageMe: 'contacts' } });
    await benApi.close();
    for (const name of ['Cy Stranger', 'Dee Unknown']) {
      const stranger = await signIn(server);
      strangers.push(stranger);
      await stranger.trpc.me.update.mutate({ name });
      const chat = await stranger.trpc.chats.openDirect.mutate({ userId: await idOf(ben.page) });
      await stranger.trpc.messages.send.mutate({ chatId: chat.id, clientId: crypto.randomUUID(), text: `Hi Ben, I am ${name}` });
    }

    const page = ben.page;
    const folder = page.getByRole('button', { name: /^Message requests/ });
    await expect.poll(() => folder.textContent()).toContain('2');
    // Quiet, as in Signal: the requests do not count in the tab's title.
    expect(await page.title()).toBe('Confab');
    // Not among the chats until accepted.
    expect(await listedChats(page)).not.toContain('Cy Stranger');
    await folder.click();
    const requests = page.getByRole('navigation', { name: 'Message requests' });
    await chatItem(page, 'Cy Stranger').click();
    await bubble(page, 'Hi Ben, I am Cy Stranger').waitFor();
    const bar = page.getByRole('region', { name: 'Message request' });
    await bar.getByText('is not in your contacts').waitFor();
    expect(await page.getByRole('textbox', { name: /^Message / }).count()).toBe(0);
    await shootAll(page, 'message-request');
    await bar.getByRole('button', { name: 'Accept' }).click();
    await bar.waitFor({ state: 'hidden' });
    await page.getByRole('textbox', { name: /^Message / }).waitFor();
    await expect.poll(() => requests.locator('.chat-item').allTextContents()).toEqual([expect.stringContaining('Dee Unknown')]);

    await chatItem(page, 'Dee Unknown').click();
    await bar.getByRole('button', { name: 'Delete' }).click();
    await requests.getByText('No message requests.').waitFor();
    await requests.getByRole('button', { name: 'Message requests' }).click();
    await chatList(page).locator('.chat-item', { hasText: 'Cy Stranger' }).waitFor();
    await expect.poll(() => listedChats(page)).not.toContain('Dee Unknown');
    await expect.poll(() => page.getByRole('button', { name: /^Message requests/ }).count()).toBe(0);
  });

  it('the chips filter the chat list by unread, groups and a label', async () => {
    const page = ana.page;
    const benId = await idOf(ben.page);
    const anaApi = await apiOf(page);
    await anaApi.trpc.groups.create.mutate({ name: 'Book club', memberIds: [benId] });
    await anaApi.close();
    await chatItem(page, 'Book club').waitFor();
    await chatItem(ben.page, 'Book club').click();
    await sendMessage(ben.page, 'Chapter three tonight?');
    await chatItem(page, 'Book club').getByLabel('1 unread message').waitFor();
    // Ana leaves the open chat (Unread keeps the one being read), from a phone-width window.
    await page.setViewportSize(sizes.narrow);
    await page.getByRole('button', { name: 'Back to chats' }).click();
    await page.setViewportSize(sizes.wide);

    await chip(page, 'Unread').click();
    await expect.poll(() => chip(page, 'Unread').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => listedChats(page)).toEqual(['Book club']);
    await chip(page, 'Groups').click();
    await expect.poll(() => listedChats(page)).toEqual(['Book club']);
    await chip(page, 'All').click();
    await expect.poll(() => listedChats(page)).toEqual(expect.arrayContaining(['Book club', 'Ben Brown']));

    // A label of my own on Ben's chat makes a chip of it.
    await page.getByRole('button', { name: 'Options for Ben Brown' }).click();
    await page.getByRole('menuitem', { name: 'Labels…' }).click();
    const labels = page.getByRole('dialog', { name: 'Labels for Ben Brown' });
    await labels.getByLabel('New label').fill('Work');
    await labels.getByRole('button', { name: 'Save labels' }).click();
    await labels.waitFor({ state: 'hidden' });
    await chip(page, 'Work').click();
    await expect.poll(() => listedChats(page)).toEqual(['Ben Brown']);
    await chip(page, 'All').click();
    await shootAll(page, 'chat-filter-chips');
  });
});

/** The signed-in user's id, as the page knows it (its stored session). */
async function idOf(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('confab.session') ?? '{}') as { user: { id: string } }).user.id);
}
