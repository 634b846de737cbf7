import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { waitUntil } from '../core/testing/harness.js';
import { launchChromium } from '@confab/testing/browser';
import { startDesktopHarness, type DesktopHarness } from './desktop-harness.js';
import { screenshot } from '@confab/testing/browser';
import { bubble } from '@confab/testing/ui';
import { signInThroughDesktopUi } from './desktop-ui.js';

const GROUP = 'Harbour committee';
const RENAMED = 'Harbour committee 2027';
const SECOND_GROUP = "Ben's book club";

/** A poll option's button; its accessible name carries the count and percentage. */
const option = (page: Page, text: string) => page.locator('.poll__option', { hasText: text });
/** How much of an option's bar is filled, as drawn (after its width transition). */
const barShare = (page: Page, text: string) =>
  option(page, text)
    .locator('.poll__fill')
    .evaluate((fill) => Math.round((100 * fill.getBoundingClientRect().width) / fill.parentElement!.getBoundingClientRect().width));

/**
 * Desktop parity for groups, polls and chat info: Ana uses the desktop app (core + SQLite cache
 * in Node, the built renderer in Chromium, joined by the real preload bundle and IPC
 * dispatcher; groups/polls/chat-info are online procedures main runs with its session);
 * Ben and Cy use the API. Everything Ana does, she does by clicking.
 */
describe('desktop app: groups, polls, group info, chat info, removal', () => {
  let server: TestServer, browser: Browser, app: DesktopHarness, page: Page, ben: SignedInUser, cy: SignedInUser, anaId: string, groupId: string, directId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    app = await startDesktopHarness(browser, server.url);
    page = app.page;
    ben = await signIn(server);
    cy = await signIn(server);
    await ben.trpc.me.update.mutate({ name: 'Ben Brown' });
    await cy.trpc.me.update.mutate({ name: 'Cy Costa' });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await ben?.close();
    await cy?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-desktop-groups-${task.name.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  });

  it('signs Ana in and names her; Ben and Cy are her contacts', async () => {
    await page.goto(app.url);
    anaId = await signInThroughDesktopUi(app, server, newPhone());
    await page.getByRole('button', { name: 'Your profile' }).click();
    const profile = page.getByRole('dialog', { name: 'Your profile' });
    await profile.getByLabel('Name').fill('Ana Alves');
    await profile.getByRole('button', { name: 'Save' }).click();
    await profile.getByText('Saved.').waitFor();
    await profile.getByRole('button', { name: 'Close' }).click();
    // Her address book, set up as the web suite does (through the API with Ana's session, here the core's).
    for (const friend of [ben, cy]) await app.core.api.contacts.add.mutate({ userId: friend.user.id });
  });

  it('Ana creates a group from her contacts; Ben has it; it is in her chat list from the cache', async () => {
    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('menuitem', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New group' });
    await dialog.getByLabel('Group name').fill(GROUP);
    await dialog.getByRole('checkbox', { name: 'Ben Brown' }).check();
    await dialog.getByRole('checkbox', { name: 'Cy Costa' }).check();
    const picked = dialog.getByRole('list', { name: 'People in the new group' });
    await picked.getByText('Ben Brown').waitFor();
    await picked.getByText('Cy Costa').waitFor();
    await dialog.getByRole('button', { name: 'Create group (3)' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 2, name: GROUP }).waitFor();
    await page.locator('.msg-system', { hasText: `You created the group "${GROUP}"` }).waitFor();

    const group = (await ben.trpc.chats.list.query({})).chats.find((c) => c.title === GROUP);
    expect(group).toBeDefined();
    groupId = group!.id;
    const history = await ben.trpc.messages.history.query({ chatId: groupId, limit: 10 });
    expect(history.messages.map((m) => m.kind)).toContain('system');

    // The list row is the cache's: the core has the group, with Ana as its owner.
    await waitUntil(async () => (await app.core.chats.get(groupId))?.role === 'owner', 'the cache has the group');
    expect(await app.core.chats.get(groupId)).toMatchObject({ kind: 'group', title: GROUP, readOnly: false });
    await page.locator(`.chat-item[data-chat-id="${groupId}"]`, { hasText: GROUP }).waitFor();
  });

  it("Ben's poll shows in the group; Ana votes by clicking; Cy's vote moves her bars live", async () => {
    const { pollId } = await ben.trpc.polls.create.mutate({ chatId: groupId, question: 'Which day do we meet?', options: ['Saturday', 'Sunday'] });
    await option(page, 'Saturday').waitFor();
    await page.getByRole('group', { name: 'Poll: Which day do we meet?' }).waitFor();

    await option(page, 'Saturday').click();
    await page.getByRole('radio', { name: 'Saturday: 1 vote, 100%', checked: true }).waitFor();
    await expect.poll(() => barShare(page, 'Saturday')).toBe(100);
    const results = await ben.trpc.polls.results.query({ pollId });
    expect(results.options.find((o) => o.text === 'Saturday')?.voterIds).toEqual([anaId]);

    await cy.trpc.polls.vote.mutate({ pollId, optionIds: [results.options.find((o) => o.text === 'Sunday')!.id] });
    await page.getByRole('radio', { name: 'Saturday: 1 vote, 50%' }).waitFor();
    await page.getByRole('radio', { name: 'Sunday: 1 vote, 50%', checked: false }).waitFor();
    await expect(page.getByTestId('poll-voters').textContent()).resolves.toBe('2 voters');
    // The bars themselves: Saturday's shrinks from full to half, Sunday's grows to half.
    await expect.poll(() => Promise.all([barShare(page, 'Saturday'), barShare(page, 'Sunday')])).toEqual([50, 50]);
    await screenshot(page, 'desktop-group-poll');
  });

  it('group info lists members with roles; Ana (owner) makes Ben an admin and the server agrees', async () => {
    await page.getByRole('button', { name: 'Group info' }).click();
    const info = page.getByRole('dialog', { name: 'Group info' });
    await info.getByTestId('member-count').getByText('3 members').waitFor();
    const members = info.getByRole('list', { name: 'Members' });
    await members.locator('.member', { hasText: 'You' }).getByText('Owner', { exact: true }).waitFor();
    await members.locator('.member', { hasText: 'Cy Costa' }).getByRole('button', { name: 'Make Cy Costa an admin' }).waitFor();

    await info.getByRole('button', { name: 'Make Ben Brown an admin' }).click();
    await members.locator('.member', { hasText: 'Ben Brown' }).getByText('Admin', { exact: true }).waitFor();
    await info.getByRole('button', { name: 'Dismiss Ben Brown as admin' }).waitFor();
    const { members: onServer } = await ben.trpc.groups.members.query({ chatId: groupId });
    expect(onServer.find((m) => m.user.id === ben.user.id)).toMatchObject({ role: 'admin' });
    await screenshot(page, 'desktop-group-info');
    await info.getByRole('button', { name: 'Close' }).click();
    await info.waitFor({ state: 'hidden' });
    await page.locator('.msg-system', { hasText: 'Ben Brown is now an admin' }).waitFor();
  });

  it('Ben (now an admin) renames the group: Ana’s header, list and cache follow', async () => {
    await ben.trpc.groups.update.mutate({ chatId: groupId, name: RENAMED });
    await page.getByRole('heading', { level: 2, name: RENAMED }).waitFor();
    await page.locator(`.chat-item[data-chat-id="${groupId}"]`, { hasText: RENAMED }).waitFor();
    await page.locator('.msg-system', { hasText: `Ben Brown changed the group name to "${RENAMED}"` }).waitFor();
    expect((await app.core.chats.get(groupId))?.title).toBe(RENAMED);
  });

  it('in a 1:1 chat, chat info offers timer, mute, block and report; the timer reaches the server', async () => {
    directId = (await ben.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    await ben.trpc.messages.send.mutate({ chatId: directId, clientId: 'hello', text: 'Did you get the minutes?' });
    await page.locator(`.chat-item[data-chat-id="${directId}"]`).click();
    await bubble(page, 'Did you get the minutes?').waitFor();

    await page.getByRole('button', { name: 'Chat info' }).click();
    const panel = page.getByRole('complementary', { name: 'Chat info' });
    await panel.getByRole('heading', { name: 'Contact info' }).waitFor();
    // Mute for 8 hours: the server has a time about 8 hours away, and the panel says until when.
    const mute = panel.getByLabel('Mute notifications');
    await mute.selectOption({ label: '8 hours' });
    await waitUntil(async () => {
      // Ana's mute came back from the server through sync into her cache.
      const until = (await app.core.chats.get(directId))?.mutedUntil ?? null;
      return until !== null && Math.abs(Date.parse(until) - Date.now() - 8 * 3_600_000) < 60_000;
    }, 'the chat is muted for 8 hours');
    await expect.poll(() => mute.inputValue(), { timeout: 10_000 }).toBe('until');
    await panel.getByRole('option', { name: /^Until / }).waitFor({ state: 'attached' });
    await page.locator(`.chat-item[data-chat-id="${directId}"]`).getByRole('img', { name: 'Muted' }).waitFor();
    expect((await ben.trpc.chats.get.query({ chatId: directId })).mutedUntil).toBeNull();
    await panel.getByRole('button', { name: 'Block Ben Brown' }).waitFor();
    await panel.getByRole('button', { name: /^Report/ }).waitFor();
    const timer = panel.getByLabel('Disappearing messages');
    await timer.selectOption({ label: '24 hours' });
    await waitUntil(async () => (await ben.trpc.chats.get.query({ chatId: directId })).disappearingSeconds === 86_400, 'the server has the timer');
    // It comes back through sync into the cache, and the panel shows the cache's value.
    await waitUntil(async () => (await app.core.chats.get(directId))?.disappearingSeconds === 86_400, 'the cache has the timer');
    await expect.poll(() => timer.inputValue(), { timeout: 10_000 }).toBe('86400');
    await screenshot(page, 'desktop-chat-info');
    await panel.getByRole('button', { name: 'Close chat info' }).click();
    await panel.waitFor({ state: 'hidden' });
  });

  it('message info and forward work on Ana’s own message', async () => {
    const composer = page.getByRole('textbox', { name: /^Message / });
    await composer.fill('Minutes attached to the agenda');
    await composer.press('Enter');
    const mine = bubble(page, 'Minutes attached to the agenda');
    await mine.waitFor();
    const sent = (await ben.trpc.messages.history.query({ chatId: directId, limit: 10 })).messages.find((m) => m.text === 'Minutes attached to the agenda')!;
    await ben.trpc.chats.markRead.mutate({ chatId: directId, seq: sent.seq });

    await mine.hover();
    await mine.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Message info' }).click();
    const info = page.getByRole('dialog', { name: 'Message info' });
    const row = info.getByRole('row', { name: /^Ben Brown/ });
    await row.waitFor();
    await expect(row.locator('td').allTextContents()).resolves.toEqual([expect.stringMatching(/\d\d:\d\d/), expect.stringMatching(/\d\d:\d\d/)]);
    await page.keyboard.press('Escape');
    await info.waitFor({ state: 'hidden' });

    await mine.hover();
    await mine.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Forward…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Forward message' });
    await dialog.getByRole('checkbox', { name: RENAMED }).check();
    await dialog.getByRole('button', { name: 'Forward', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitUntil(
      async () => (await cy.trpc.messages.history.query({ chatId: groupId, limit: 20 })).messages.some((m) => m.text === 'Minutes attached to the agenda' && m.senderId === anaId),
      'Cy has the forwarded copy in the group',
    );
    const copy = (await cy.trpc.messages.history.query({ chatId: groupId, limit: 20 })).messages.find((m) => m.text === 'Minutes attached to the agenda')!;
    expect(copy.meta).toMatchObject({ forwarded: true });
    await page.locator(`.chat-item[data-chat-id="${groupId}"]`).click();
    await bubble(page, 'Minutes attached to the agenda').getByText('Forwarded').waitFor();
  });

  it('Ben removes Ana from his group: her desktop page shows it read-only', async () => {
    // Ana owns her own group (an owner cannot be removed), so Ben removes her from his.
    const created = await ben.trpc.groups.create.mutate({ name: SECOND_GROUP, memberIds: [anaId, cy.user.id] });
    const secondId = created.chat.id;
    const item = page.locator(`.chat-item[data-chat-id="${secondId}"]`);
    await item.waitFor();
    await item.click();
    await page.getByRole('heading', { level: 2, name: SECOND_GROUP }).waitFor();
    const composer = page.getByRole('textbox', { name: /^Message / });
    await expect(composer.isDisabled()).resolves.toBe(false);

    await ben.trpc.groups.removeMember.mutate({ chatId: secondId, userId: anaId });
    await page.getByText('You are no longer a member of this group. You can still read its history.').waitFor();
    await waitUntil(() => composer.isDisabled(), 'the composer is disabled');
    expect((await app.core.chats.get(secondId))?.readOnly).toBe(true);
    await page.locator('.msg-system', { hasText: 'Ben Brown removed you' }).waitFor();
    await screenshot(page, 'desktop-group-removed');
  });

  it('reported no page errors and no CSP violations throughout', () => {
    expect(app.errors).toEqual([]);
    expect(app.cspViolations).toEqual([]);
    expect(app.dialogs).toEqual([]);
  });
});
