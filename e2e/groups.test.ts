import { createTestClient } from '@confab/testing/test-client';
import { newPhone } from '@confab/testing/sign-in';
import { type TestServer } from '@confab/testing/test-server';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { accessTokenOf, setProfileName, signInThroughUi } from '@confab/testing/ui';
import { webClientSuite } from './support/web-suite';

const GROUP = 'Weekend trip';
const QUESTION = 'Which day?';

/** A poll option's button, whose accessible name carries its count and percentage. */
const option = (page: Page, text: string) => page.locator('.poll__option', { hasText: text });

/**
 * Three people in three browser tabs: Ana creates a group with Ben and Cy through the UI, it
 * appears live for them, Ana posts a poll, Ben and Cy vote, and every tab's bars follow; Ana
 * makes Ben an admin from the group info panel and the notice shows for the others.
 */
describe('group chats and polls in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const people: { name: string; phone: string; tab?: WatchedPage }[] = [
    { name: 'Ana Alves', phone: newPhone() },
    { name: 'Ben Brown', phone: newPhone() },
    { name: 'Cy Costa', phone: newPhone() },
  ];
  const page = (i: number) => people[i]!.tab!.page;
  const pages = () => people.map((_, i) => page(i));

  webClientSuite({
    name: 'groups',
    pages,
    setup: async (s, b) => {
      [server, browser] = [s, b];
      for (const person of people) person.tab = await openWatchedPage(browser, { width: 1100, height: 760 });
    },
  });

  it('signs three people in', async () => {
    for (const [i, person] of people.entries()) {
      await signInThroughUi(page(i), server, person.phone);
      await setProfileName(page(i), person.name);
    }
  });

  it('Ana creates a group with Ben and Cy; it appears live for them', async () => {
    const ana = page(0);
    // Ben is in Ana's contacts (set up through the API): she ticks him; Cy she finds by number.
    const token = await accessTokenOf(ana);
    const api = createTestClient(server.url, () => token);
    const ben = await api.trpc.users.lookup.mutate({ phones: [people[1]!.phone] });
    await api.trpc.contacts.add.mutate({ userId: ben[0]!.user.id });
    await api.close();

    await ana.getByRole('button', { name: 'More', exact: true }).click();
    await ana.getByRole('menuitem', { name: 'New group' }).click();
    const dialog = ana.getByRole('dialog', { name: 'New group' });
    await dialog.getByLabel('Group name').fill(GROUP);
    await dialog.getByRole('checkbox', { name: 'Ben Brown' }).check();
    await dialog.getByRole('list', { name: 'People in the new group' }).getByText('Ben Brown').waitFor();
    for (const person of people.slice(2)) {
      await dialog.getByLabel('Add people by phone number').fill(person.phone);
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.getByRole('list', { name: 'People in the new group' }).getByText(person.name).waitFor();
    }
    await screenshot(ana, 'groups-new-group-dialog');
    await dialog.getByRole('button', { name: /^Create group/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await ana.getByRole('heading', { level: 2, name: GROUP }).waitFor();
    await ana.locator('.msg-system', { hasText: `You created the group "${GROUP}"` }).waitFor();

    for (const i of [1, 2]) {
      const item = page(i).locator('.chat-item', { hasText: GROUP });
      await item.waitFor();
      await item.click();
      await page(i).getByRole('heading', { level: 2, name: GROUP }).waitFor();
      await page(i).locator('.msg-system', { hasText: `Ana Alves created the group "${GROUP}"` }).waitFor();
    }
  });

  it('Ana posts a poll; Ben and Cy vote; the bars update on every page', async () => {
    const ana = page(0);
    await ana.getByRole('button', { name: 'Create poll' }).click();
    const dialog = ana.getByRole('dialog', { name: 'Create poll' });
    await dialog.getByLabel('Question').fill(QUESTION);
    await dialog.getByRole('textbox', { name: 'Option 1' }).fill('Saturday');
    await dialog.getByRole('textbox', { name: 'Option 2' }).fill('Sunday');
    await dialog.getByRole('textbox', { name: 'Option 3' }).fill('Both');
    await screenshot(ana, 'groups-poll-composer');
    await dialog.getByRole('button', { name: 'Send poll' }).click();
    await dialog.waitFor({ state: 'hidden' });

    for (const p of pages()) await option(p, 'Saturday').waitFor();
    // On the others' pages the poll carries Ana's name over it.
    await expect(page(1).locator('.msg', { has: page(1).locator('.poll') }).getByTestId('sender-name').textContent()).resolves.toBe('Ana Alves');

    await option(page(1), 'Saturday').click();
    await option(page(1), 'Saturday').and(page(1).locator('[aria-checked="true"]')).waitFor();
    await option(page(2), 'Sunday').click();

    for (const p of pages()) {
      await option(p, 'Saturday').and(p.getByRole('radio', { name: 'Saturday: 1 vote, 50%' })).waitFor();
      await option(p, 'Sunday').and(p.getByRole('radio', { name: 'Sunday: 1 vote, 50%' })).waitFor();
      await expect(option(p, 'Both').getByTestId('poll-percent').textContent()).resolves.toBe('0%');
      await expect(p.getByTestId('poll-voters').textContent()).resolves.toBe('2 voters');
    }

    // Cy changes her mind: the vote moves, everywhere.
    await option(page(2), 'Saturday').click();
    for (const p of pages()) {
      await p.getByRole('radio', { name: 'Saturday: 2 votes, 100%' }).waitFor();
      await p.getByRole('radio', { name: 'Sunday: 0 votes, 0%' }).waitFor();
    }
    await expect(option(page(2), 'Saturday').getAttribute('aria-checked')).resolves.toBe('true');
    await expect(option(page(0), 'Saturday').getAttribute('aria-checked')).resolves.toBe('false');

    // "View votes" names who chose what.
    await ana.getByRole('button', { name: 'View votes' }).click();
    const votes = ana.getByRole('dialog', { name: 'Poll votes' });
    await votes.getByText('Ben Brown').waitFor();
    await votes.getByText('Cy Costa').waitFor();
    await votes.getByRole('button', { name: 'Close' }).click();
    await votes.waitFor({ state: 'hidden' });
  });

  it('typing @ in a group suggests members and inserts the name', async () => {
    const ben = page(1);
    const composer = ben.getByRole('textbox', { name: /^Message / });
    await composer.pressSequentially('Count me in @An');
    await ben.getByRole('listbox', { name: 'Mention someone' }).getByRole('option', { name: 'Ana Alves' }).waitFor();
    await composer.press('Enter');
    await expect(composer.inputValue()).resolves.toBe('Count me in @Ana Alves ');
    await composer.press('Enter');
    await page(0).locator('.msg__text', { hasText: 'Count me in @Ana Alves' }).waitFor();
  });

  it('the mention is set apart in the bubble (marked on Ana’s page) and the list previews name the sender', async () => {
    const text = 'Count me in @Ana Alves';
    const mentionIn = (p: Page) => p.locator('.msg[data-message-id]', { hasText: text }).locator('.mention');
    // Ana is the one mentioned: marked (bold on a highlight), not only coloured.
    await expect(mentionIn(page(0)).evaluate((el) => [el.tagName, el.textContent, el.classList.contains('mention--me'), getComputedStyle(el).fontWeight])).resolves.toEqual(['MARK', '@Ana Alves', true, '700']);
    // Cy and Ben see a mention of someone else: bold and coloured, not marked.
    for (const p of [page(1), page(2)]) {
      await expect(mentionIn(p).evaluate((el) => [el.tagName, el.textContent, el.classList.contains('mention--me'), Number(getComputedStyle(el).fontWeight) >= 600])).resolves.toEqual(['SPAN', '@Ana Alves', false, true]);
    }
    // "Count me in" alone is not a mention: only the name is.
    await expect(mentionIn(page(2)).count()).resolves.toBe(1);
    await screenshot(page(0), 'groups-mention-ana');
    await page(0).emulateMedia({ colorScheme: 'dark' });
    await screenshot(page(0), 'groups-mention-ana-dark');
    await page(0).emulateMedia({ colorScheme: 'light' });

    const preview = (p: Page) => p.locator('.chat-item', { hasText: GROUP }).locator('.chat-item__preview');
    await preview(page(0)).getByText(`Ben Brown: ${text}`).waitFor();
    await preview(page(1)).getByText(`You: ${text}`).waitFor();
    // Cy reloads: nothing of the group is loaded, yet the list still names who wrote last.
    await page(2).reload();
    await preview(page(2)).getByText(`Ben Brown: ${text}`).waitFor();
    await screenshot(page(2), 'groups-preview-cy');
    await page(2).locator('.chat-item', { hasText: GROUP }).click();
    await page(2).getByRole('heading', { level: 2, name: GROUP }).waitFor();
  });

  it('Ana sets the group image from group info; the others’ list and header show it; removing it goes back to initials', async () => {
    const ana = page(0);
    const png = await sharp({ create: { width: 320, height: 320, channels: 3, background: '#e4572e' } })
      .composite([{ input: await sharp({ create: { width: 140, height: 140, channels: 3, background: '#ffd23f' } }).png().toBuffer(), left: 90, top: 90 }])
      .png()
      .toBuffer();
    const loaded = (img: Locator) => expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    const listAvatar = (p: Page) => p.locator('.chat-item', { hasText: GROUP }).locator('.avatar');
    const headerAvatar = (p: Page) => p.locator('.conversation__header .avatar');

    await ana.getByRole('button', { name: 'Group info' }).click();
    const info = ana.getByRole('dialog', { name: 'Group info' });
    // No image yet: a member sees only the group's initials; Ana (creator) may add one.
    const chooser = ana.waitForEvent('filechooser');
    await info.getByRole('button', { name: 'Add group image' }).click();
    await (await chooser).setFiles({ name: 'trip.png', mimeType: 'image/png', buffer: png });
    await info.getByRole('status').getByText('Group image changed.').waitFor();
    await loaded(info.locator('img.avatar'));
    await info.getByRole('button', { name: 'Change group image' }).waitFor();
    await screenshot(ana, 'groups-image-info-ana');
    await ana.emulateMedia({ colorScheme: 'dark' });
    await screenshot(ana, 'groups-image-info-ana-dark');
    await ana.emulateMedia({ colorScheme: 'light' });

    for (const p of [page(1), page(2)]) {
      await p.locator('.msg-system', { hasText: 'Ana Alves changed the group image' }).waitFor();
      await loaded(listAvatar(p).and(p.locator('img')));
      await loaded(headerAvatar(p).and(p.locator('img')));
    }
    await screenshot(page(1), 'groups-image-ben');
    await page(1).emulateMedia({ colorScheme: 'dark' });
    await screenshot(page(1), 'groups-image-ben-dark');
    await page(1).emulateMedia({ colorScheme: 'light' });
    // Ben is a member: he may change the image while everyone may edit the group's info, and
    // no longer once Ana keeps that to admins (his open panel follows at once).
    await page(1).getByRole('button', { name: 'Group info' }).click();
    const benInfo = page(1).getByRole('dialog', { name: 'Group info' });
    await loaded(benInfo.locator('img.avatar'));
    await benInfo.getByRole('button', { name: 'Change group image' }).waitFor();
    await info.getByLabel('Edit group info').selectOption('admins');
    await benInfo.getByRole('button', { name: 'Change group image' }).waitFor({ state: 'detached' });
    await expect(benInfo.getByRole('button', { name: 'Remove image' }).count()).resolves.toBe(0);
    await loaded(benInfo.locator('img.avatar'));
    await info.getByLabel('Edit group info').selectOption('all');
    await benInfo.getByRole('button', { name: 'Change group image' }).waitFor();
    await benInfo.getByRole('button', { name: 'Close' }).click();

    await info.getByRole('button', { name: 'Remove image' }).click();
    await info.getByRole('status').getByText('Group image removed.').waitFor();
    await info.getByRole('button', { name: 'Add group image' }).waitFor();
    for (const p of [page(1), page(2)]) {
      await p.locator('.msg-system', { hasText: 'Ana Alves removed the group image' }).waitFor();
      await listAvatar(p).and(p.locator('span')).waitFor();
      await headerAvatar(p).and(p.locator('span')).waitFor();
    }
    await info.getByRole('button', { name: 'Close' }).click();
    await info.waitFor({ state: 'hidden' });

    // The profile photo goes through the same picker: Cy sets hers, and her own avatar shows it.
    const cy = page(2);
    await cy.getByRole('button', { name: 'Your profile' }).click();
    const profile = cy.getByRole('dialog', { name: 'Your profile' });
    const pick = cy.waitForEvent('filechooser');
    await profile.getByRole('button', { name: 'Change photo' }).click();
    await (await pick).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
    await profile.getByText('Photo updated.').waitFor();
    await loaded(profile.locator('img.avatar'));
    await screenshot(cy, 'groups-profile-photo-cy');
    await profile.getByRole('button', { name: 'Close' }).click();
    await loaded(cy.getByRole('button', { name: 'Your profile' }).locator('img.avatar'));
  });

  it('Ana makes Ben an admin from the group info panel; the others see the notice', async () => {
    const ana = page(0);
    await ana.getByRole('button', { name: 'Group info' }).click();
    const info = ana.getByRole('dialog', { name: 'Group info' });
    await info.getByTestId('member-count').getByText('3 members').waitFor();
    await screenshot(ana, 'groups-info-ana');
    await info.getByRole('button', { name: 'Make Ben Brown an admin' }).click();
    await info.locator('.member', { hasText: 'Ben Brown' }).getByText('Admin', { exact: true }).waitFor();
    await info.getByRole('button', { name: 'Close' }).click();
    await info.waitFor({ state: 'hidden' });

    // Each in their own words: Ben reads that he is now an admin.
    for (const [i, p] of pages().entries()) await p.locator('.msg-system', { hasText: i === 1 ? 'You are now an admin' : 'Ben Brown is now an admin' }).waitFor();
    await page(1).locator('.chat-item', { hasText: 'You are now an admin' }).waitFor();
    for (const [i, p] of pages().entries()) await screenshot(p, `groups-${['ana', 'ben', 'cy'][i]}`);
    // Only admins may send now: Cy (a member) is told and her composer is off; Ben (admin) is not.
    await ana.getByRole('button', { name: 'Group info' }).click();
    await ana.getByRole('dialog', { name: 'Group info' }).getByLabel('Send messages').selectOption('admins');
    await page(2).getByText('Only admins can send messages in this group.').waitFor();
    await expect(page(2).getByRole('textbox', { name: /^Message / }).isDisabled()).resolves.toBe(true);
    await expect(page(1).getByRole('textbox', { name: /^Message / }).isDisabled()).resolves.toBe(false);
    await ana.getByRole('dialog', { name: 'Group info' }).getByLabel('Send messages').selectOption('all');
    await page(2).getByText('Only admins can send messages in this group.').waitFor({ state: 'hidden' });
    await ana.getByRole('dialog', { name: 'Group info' }).getByRole('button', { name: 'Close' }).click();

    // Ana's invite link, opened by someone new, previews the group and lets them in.
    await ana.getByRole('button', { name: 'Group info' }).click();
    await ana.getByRole('button', { name: 'Show invite link' }).click();
    const url = (await ana.getByTestId('invite-url').textContent())!;
    await ana.getByRole('img', { name: 'QR code of the invite link' }).waitFor();
    await screenshot(ana, 'groups-invite-link-ana');
    await ana.getByRole('dialog', { name: 'Group info' }).getByRole('button', { name: 'Close' }).click();
    const dee = await openWatchedPage(browser, { width: 1100, height: 760 });
    await signInThroughUi(dee.page, server, newPhone());
    await setProfileName(dee.page, 'Dee Diaz');
    await dee.page.goto(url.replace(/^https?:\/\/[^/]+/, server.url));
    const join = dee.page.getByRole('dialog', { name: 'Join a group' });
    await join.getByText(GROUP).waitFor();
    await join.getByText('3 members').waitFor();
    await screenshot(dee.page, 'groups-join-preview');
    await join.getByRole('button', { name: 'Join group' }).click();
    await dee.page.getByRole('heading', { level: 2, name: GROUP }).waitFor();
    await ana.locator('.msg-system', { hasText: "Dee Diaz joined using the group's invite link" }).waitFor();
    expect(dee.errors).toEqual([]);

    // The same conversation dark and phone-narrow, for a look at both.
    await page(1).emulateMedia({ colorScheme: 'dark' });
    await page(1).setViewportSize({ width: 360, height: 740 });
    await screenshot(page(1), 'groups-ben-dark-360');
    await page(1).getByRole('button', { name: 'Group info' }).click();
    await page(1).getByRole('dialog', { name: 'Group info' }).getByText('Cy Costa').waitFor();
    await screenshot(page(1), 'groups-info-ben-dark-360');
    await page(2).emulateMedia({ colorScheme: 'dark' });
    await page(2).getByRole('button', { name: 'Group info' }).click();
    await page(2).getByRole('dialog', { name: 'Group info' }).getByText('Ben Brown').waitFor();
    await screenshot(page(2), 'groups-info-cy-dark');
    for (const person of people) {
      expect(person.tab!.cspViolations).toEqual([]);
      expect(person.tab!.errors).toEqual([]);
    }
  });
});
