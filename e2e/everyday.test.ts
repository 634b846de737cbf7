import { createTestClient } from '@confab/testing/test-client';
import { newPhone, signIn } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { accessTokenOf, bubble, sendMessage, setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import { webClientSuite } from './support/web-suite';

/**
 * What people take for granted in a messenger, in two Chromium tabs: the emoji picker in the
 * composer, any emoji as a reaction, "typing…" in the chat list, drafts that survive a reload,
 * opening at the first unread message, starred messages, and pasting or dropping a file.
 */
describe('everyday composer and conversation features in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ana: WatchedPage, ben: WatchedPage;
  const anaPhone = newPhone();
  const benPhone = newPhone();
  const chatItem = (page: Page, name: string) => page.locator('.chat-item', { hasText: name });
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });
  /** A bubble whose text is exactly this ("Unread number 1", not "…10"). */
  const exactBubble = (page: Page, text: string) => page.locator('.msg[data-message-id]').filter({ has: page.locator('.msg__text').getByText(text, { exact: true }) });
  /** Ben's newest messages as the server has them. */
  const benNewest = async (limit: number) => {
    const token = await accessTokenOf(ben.page);
    const api = createTestClient(server.url, () => token);
    const chatId = await ben.page.locator('.conversation').getAttribute('data-chat-id');
    const { messages } = await api.trpc.messages.history.query({ chatId: chatId!, limit });
    await api.close();
    return messages;
  };

  webClientSuite({
    name: 'everyday',
    pages: () => [ana.page, ben.page],
    setup: async (s, b) => {
      [server, browser] = [s, b];
      ana = await openWatchedPage(browser, { width: 1100, height: 760 });
      ben = await openWatchedPage(browser, { width: 1100, height: 760 });
    },
  });

  it('signs Ana and Ben in, and Ana starts a chat with Ben', async () => {
    await signInThroughUi(ana.page, server, anaPhone);
    await setProfileName(ana.page, 'Ana Alves');
    await signInThroughUi(ben.page, server, benPhone);
    await setProfileName(ben.page, 'Ben Brown');
    await startChatByPhone(ana.page, benPhone);
    await sendMessage(ana.page, 'Hi Ben');
    await chatItem(ben.page, 'Ana Alves').click();
    await bubble(ben.page, 'Hi Ben').waitFor();
  });

  it('inserts an emoji from the picker, found by searching, where the caret is', async () => {
    const page = ana.page;
    await composer(page).fill('Party tonight ');
    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    const picker = page.getByRole('dialog', { name: 'Insert emoji' });
    await picker.getByRole('button', { name: 'grinning face', exact: true }).waitFor();
    await screenshot(page, 'everyday-emoji-picker');
    await picker.getByLabel('Search emoji').fill('party popper');
    await picker.getByRole('button', { name: 'party popper' }).click();
    await expect.poll(() => composer(page).inputValue()).toBe('Party tonight 🎉');
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    await composer(page).press('Enter');
    await bubble(ben.page, 'Party tonight 🎉').waitFor();

    // Keyboard only: Enter in the search box picks the first match; recents come first next time.
    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    await picker.getByLabel('Search emoji').fill('thumbs up');
    await picker.getByLabel('Search emoji').press('Enter');
    // (Unicode's fully-qualified form carries a variation selector; the picture is the same.)
    await expect.poll(async () => (await composer(page).inputValue()).replace(/\uFE0F/g, '')).toBe('👍');
    // The picker stays open for more (focus is back in the message box); Esc there closes it.
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    await expect(picker.getByRole('region', { name: 'Recently used' }).getByRole('button').first().textContent()).resolves.toMatch(/^👍\uFE0F?$/);
    await page.keyboard.press('Escape');
    await composer(page).fill('');
  });

  it('reacts with any emoji from the full picker, and the other side sees it', async () => {
    const message = bubble(ben.page, 'Hi Ben');
    await message.hover();
    await message.getByRole('button', { name: 'Message actions' }).click();
    await ben.page.getByRole('menuitem', { name: 'More reactions' }).click();
    const picker = ben.page.getByRole('dialog', { name: 'Choose a reaction' });
    await picker.getByLabel('Search emoji').fill('fire');
    await picker.getByRole('button', { name: 'fire', exact: true }).waitFor();
    await screenshot(ben.page, 'everyday-reaction-picker');
    await picker.getByRole('button', { name: 'fire', exact: true }).click();
    await bubble(ana.page, 'Hi Ben').locator('.reactions', { hasText: '🔥' }).waitFor();
  });

  it('shows "typing…" in the chat list while the other person types', async () => {
    await composer(ben.page).pressSequentially('I am writing something long', { delay: 20 });
    await chatItem(ana.page, 'Ben Brown').getByTestId('chat-list-typing').filter({ hasText: 'typing…' }).waitFor();
    await screenshot(ana.page, 'everyday-typing-in-list');
    await composer(ben.page).fill('');
  });

  it('keeps a draft through a reload and shows it in the chat list', async () => {
    const page = ana.page;
    await chatItem(page, 'Ben Brown').click();
    await composer(page).fill('Remember to bring the tickets');
    await page.reload();
    await page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
    await chatItem(page, 'Ben Brown').getByTestId('chat-list-draft').filter({ hasText: 'Remember to bring the tickets' }).waitFor();
    await chatItem(page, 'Ben Brown').click();
    await expect.poll(() => composer(page).inputValue()).toBe('Remember to bring the tickets');
    await composer(page).press('Enter');
    await bubble(ben.page, 'Remember to bring the tickets').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
    await expect(chatItem(page, 'Ben Brown').getByTestId('chat-list-draft').count()).resolves.toBe(0);
  });

  it('opens a chat with many unread messages at the first of them, under an "unread" line', async () => {
    // Ana is on her chat list (after the reload); Ben sends 70 messages — more than a page.
    const token = await accessTokenOf(ben.page);
    const api = createTestClient(server.url, () => token);
    const chatId = await ben.page.locator('.conversation').getAttribute('data-chat-id');
    for (let i = 1; i <= 70; i++) await api.trpc.messages.send.mutate({ chatId: chatId!, clientId: `unread-${i}`, text: `Unread number ${i}` });
    await api.close();
    await chatItem(ana.page, 'Ben Brown').locator('.badge', { hasText: '70' }).waitFor();

    await chatItem(ana.page, 'Ben Brown').click();
    const line = ana.page.getByTestId('unread-separator');
    await line.filter({ hasText: '70 unread messages' }).waitFor();
    await expect.poll(() => exactBubble(ana.page, 'Unread number 1').isVisible()).toBe(true);
    await expect(exactBubble(ana.page, 'Unread number 70').isVisible()).resolves.toBe(false);
    await screenshot(ana.page, 'everyday-first-unread');
  });

  it('stars a message, lists it under Starred messages, and jumps back to it', async () => {
    const page = ana.page;
    const message = bubble(page, 'Party tonight 🎉');
    await page.getByRole('button', { name: 'Scroll to the newest message' }).click().catch(() => undefined);
    await page.locator('.messages').evaluate((el) => el.scrollTo(0, 0));
    await message.waitFor();
    await message.hover();
    await message.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Star' }).click();
    await message.getByRole('img', { name: 'Starred' }).waitFor();

    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Starred messages' }).click();
    const dialog = page.getByRole('dialog', { name: 'Starred messages' });
    await dialog.getByText('Party tonight 🎉').waitFor();
    await screenshot(page, 'everyday-starred');
    await page.locator('.messages').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await dialog.getByText('Party tonight 🎉').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => message.isVisible()).toBe(true);

    // Unstarred from the list: the star leaves the bubble too.
    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Starred messages' }).click();
    await dialog.getByRole('button', { name: /^Unstar message/ }).click();
    await dialog.getByText(/No starred messages yet/).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => message.getByRole('img', { name: 'Starred' }).count()).toBe(0);
  });

  it('sends a pasted image and a dropped file', async () => {
    const page = ana.page;
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#33aa66' } }).png().toBuffer();
    const paste = async (name: string) =>
      composer(page).evaluate(
        (el, { bytes, name }) => {
          const data = new DataTransfer();
          data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        },
        { bytes: [...png], name },
      );
    await paste('pasted.png');
    await expect.poll(async () => (await benNewest(1)).map((m) => m.kind)).toEqual(['image']);

    // Dropped: the overlay says where it goes while the file hovers, then the file is sent.
    await page.locator('.conversation').evaluate(
      (el, { bytes }) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'notes.txt', { type: 'text/plain' }));
        el.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
        (window as unknown as { __drop: DataTransfer }).__drop = data;
      },
      { bytes: [...new TextEncoder().encode('shopping list')] },
    );
    await page.locator('.drop-overlay', { hasText: 'Drop files to send them to Ben Brown' }).waitFor();
    await screenshot(page, 'everyday-drop-overlay');
    await page.locator('.conversation').evaluate((el) => {
      const data = (window as unknown as { __drop: DataTransfer }).__drop;
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.locator('.drop-overlay').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await benNewest(1)).map((m) => [m.kind, m.media?.fileName])).toEqual([['document', 'notes.txt']]);
  });

  it('pins a chat to the top and archives one until a new message brings it back', async () => {
    const page = ana.page;
    const cy = await signIn(server);
    await cy.trpc.me.update.mutate({ name: 'Cy Costa' });
    const token = await accessTokenOf(page);
    const anaApi = createTestClient(server.url, () => token);
    const anaId = (await anaApi.trpc.me.get.query()).id;
    await anaApi.close();
    const cyChat = (await cy.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    await cy.trpc.messages.send.mutate({ chatId: cyChat, clientId: 'cy-1', text: 'Hi from Cy' });
    const titles = () => page.locator('.chat-list__items .chat-item__title').allTextContents();
    // (The test server's clock stands still, so the two chats' order by time is a tie.)
    await expect.poll(async () => (await titles()).sort()).toEqual(['Ben Brown', 'Cy Costa']);

    // Pin Ben from the row's menu: he goes on top, marked.
    await page.locator('.chat-list__row', { hasText: 'Ben Brown' }).hover();
    await page.getByRole('button', { name: 'Options for Ben Brown' }).click();
    await page.getByRole('menuitem', { name: 'Pin chat' }).click();
    await expect.poll(titles).toEqual(['Ben Brown', 'Cy Costa']);
    await chatItem(page, 'Ben Brown').getByRole('img', { name: 'Pinned' }).waitFor();

    // Archive Cy (keyboard: the options button, Enter, Down to "Archive chat").
    await page.getByRole('button', { name: 'Options for Cy Costa' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Archive chat' }).click();
    await expect.poll(titles).toEqual(['Ben Brown']);
    await page.locator('.chat-list__folder', { hasText: 'Archived' }).filter({ hasText: '1' }).waitFor();
    await screenshot(page, 'everyday-pinned-and-archived');
    await page.locator('.chat-list__folder', { hasText: 'Archived' }).click();
    await page.getByRole('navigation', { name: 'Archived chats' }).getByText('Cy Costa').waitFor();
    await page.locator('.chat-list__folder').click();

    // A new message from Cy brings the chat back to the main list.
    await cy.trpc.messages.send.mutate({ chatId: cyChat, clientId: 'cy-2', text: 'Still there?' });
    await expect.poll(titles).toEqual(['Ben Brown', 'Cy Costa']);
    await expect(page.locator('.chat-list__folder').count()).resolves.toBe(0);
    await cy.close();
  });

  it('looks right in dark and at 360 px, and no page broke its CSP or logged errors', async () => {
    const page = ana.page;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    await page.getByRole('dialog', { name: 'Insert emoji' }).getByRole('button', { name: 'grinning face', exact: true }).waitFor();
    await screenshot(page, 'everyday-emoji-picker-dark');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    await page.getByRole('dialog', { name: 'Insert emoji' }).getByRole('button', { name: 'grinning face', exact: true }).waitFor();
    await screenshot(page, 'everyday-emoji-picker-360');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Back to chats' }).click();
    await page.getByRole('button', { name: 'More', exact: true }).waitFor();
    await screenshot(page, 'everyday-chat-list-360-dark');
    for (const tab of [ana, ben]) {
      expect(tab.cspViolations).toEqual([]);
      expect(tab.errors).toEqual([]);
    }
  });
});
