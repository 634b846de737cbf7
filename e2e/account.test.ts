import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { accessTokenOf, bubble, setProfileName, signInThroughUi } from '@confab/testing/ui';
import { ensureWebBuild } from './support/web-build';

const sizes = { wide: { width: 1280, height: 800 }, narrow: { width: 360, height: 740 } } as const;

/**
 * Settings → Profile, Privacy, Linked devices, Blocked contacts, Delete account and Moderation,
 * in the web client: Ana and Ben in two pages (what one changes, the other sees), Ana on a
 * second tab (signed out from the first), Mo the moderator.
 */
describe('account, privacy and moderation screens', () => {
  let server: TestServer, browser: Browser, ana: WatchedPage, ben: WatchedPage;
  let anaApi: SignedInUser;
  const pages: WatchedPage[] = [];
  const [anaPhone, benPhone, moPhone] = [newPhone(), newPhone(), newPhone()];

  async function open(): Promise<WatchedPage> {
    const page = await openWatchedPage(browser);
    pages.push(page);
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { WEB_DIR: await ensureWebBuild(), MODERATOR_PHONES: moPhone } });
    browser = await launchChromium();
    [ana, ben] = [await open(), await open()];
    await signInThroughUi(ana.page, server, anaPhone);
    await setProfileName(ana.page, 'Ana Alves');
    await signInThroughUi(ben.page, server, benPhone);
    await setProfileName(ben.page, 'Ben Brown');
    // Ana has a photo and a chat with Ben, set up over the API as another of her devices.
    anaApi = await signIn(server, anaPhone, 'Ana’s phone');
    const photo = await upload(server.url, anaApi.tokens.accessToken, await pngImage(96, 96, '#e0457b'), { contentType: 'image/png' });
    await anaApi.trpc.me.setAvatar.mutate({ mediaId: photo.body.mediaId });
    const benId = (await anaApi.trpc.users.lookup.mutate({ phones: [benPhone] }))[0]!.user.id;
    const chatId = (await anaApi.trpc.chats.openDirect.mutate({ userId: benId })).id;
    await anaApi.trpc.messages.send.mutate({ chatId, clientId: 'hello', text: 'Hello Ben!' });
  }, 180_000);

  afterAll(async () => {
    await anaApi?.close();
    await browser?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = task.name.replace(/\W+/g, '-').slice(0, 50);
    await Promise.all(pages.map((p, i) => screenshot(p.page, `failed-account-${name}-${i}`).catch(() => undefined)));
  });

  const settings = (page: Page) => page.getByRole('dialog', { name: 'Settings' });
  async function openSection(page: Page, label: string) {
    await page.getByRole('button', { name: 'Settings' }).click();
    await settings(page).getByRole('button', { name: new RegExp(`^${label}`) }).click();
    return page.getByRole('dialog', { name: label });
  }
  const anaInBensList = () => ben.page.locator('.chat-item', { hasText: 'Ana Alves' });

  it('lists the sections; Back returns to the list and Esc closes Settings', async () => {
    await ana.page.getByRole('button', { name: 'Settings' }).click();
    const nav = settings(ana.page).getByRole('navigation', { name: 'Settings sections' });
    const labels = await nav.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.querySelector('.settings-nav__label')?.textContent));
    expect(labels).toEqual(['Profile', 'Privacy', 'Notifications', 'Stickers & emoticons', 'Linked devices', 'Blocked contacts', 'Delete account']);
    await nav.getByRole('button', { name: /^Privacy/ }).click();
    const privacy = ana.page.getByRole('dialog', { name: 'Privacy' });
    await privacy.getByLabel('Last seen and online').waitFor();
    await privacy.getByRole('button', { name: 'Back' }).click();
    await settings(ana.page).getByRole('navigation', { name: 'Settings sections' }).waitFor();
    await expect.poll(() => ana.page.evaluate(() => document.activeElement?.getAttribute('data-section'))).toBe('privacy');
    await ana.page.keyboard.press('Escape');
    await ana.page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('profile photo privacy: Ben stops seeing Ana’s photo when she picks “Nobody”, and sees it again with “Everyone”', async () => {
    await anaInBensList().locator('img.avatar').waitFor();
    const privacy = await openSection(ana.page, 'Privacy');
    await privacy.getByLabel('Profile photo').selectOption('nobody');
    await privacy.getByRole('status').filter({ hasText: 'Profile photo: Nobody.' }).waitFor();
    await anaInBensList().locator('img.avatar').waitFor({ state: 'detached' });
    await expect.poll(() => anaInBensList().locator('.avatar').textContent()).toBe('AA');

    await privacy.getByLabel('Profile photo').selectOption('everyone');
    await anaInBensList().locator('img.avatar').waitFor();
    await ana.page.keyboard.press('Escape');
  });

  it('last seen privacy: Ben sees Ana online, and nothing the moment she hides it', async () => {
    await anaInBensList().click();
    const presence = ben.page.getByTestId('presence');
    await expect.poll(() => presence.textContent()).toBe('online');

    const privacy = await openSection(ana.page, 'Privacy');
    await privacy.getByLabel('Last seen and online').selectOption('nobody');
    await privacy.getByRole('status').filter({ hasText: 'Last seen and online: Nobody.' }).waitFor();
    // Live: Ben's open chat loses her "online" without reloading or reopening anything.
    await expect.poll(() => presence.count()).toBe(0);
    // Shown again, it comes back the same way.
    await privacy.getByLabel('Last seen and online').selectOption('everyone');
    await expect.poll(() => presence.textContent()).toBe('online');
    await privacy.getByLabel('Last seen and online').selectOption('nobody');
    await expect.poll(() => presence.count()).toBe(0);
    await ana.page.keyboard.press('Escape');

    // Opened again, the chat asks afresh: no "online", no "last seen".
    await ben.page.reload();
    await ben.page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
    await anaInBensList().click();
    await ben.page.locator('.conversation__title', { hasText: 'Ana Alves' }).waitFor();
    await bubble(ben.page, 'Hello Ben!').waitFor();
    expect(await presence.count()).toBe(0);
  });

  it('removes the profile photo and resets the QR code from Settings → Profile', async () => {
    const profile = await openSection(ana.page, 'Profile');
    const oldCode = await profile.locator('.qr-card__code').textContent();
    await profile.getByRole('button', { name: 'Reset QR code' }).click();
    await profile.getByText('New code made. The old one no longer works.').waitFor();
    expect(await profile.locator('.qr-card__code').textContent()).not.toBe(oldCode);
    await profile.getByRole('button', { name: 'Remove photo' }).click();
    await profile.getByText('Photo removed.').waitFor();
    await anaInBensList().locator('img.avatar').waitFor({ state: 'detached' });
    await ana.page.keyboard.press('Escape');
  });

  it('blocks and unblocks from Blocked contacts', async () => {
    const benId = (await anaApi.trpc.users.lookup.mutate({ phones: [benPhone] }))[0]!.user.id;
    await anaApi.trpc.users.block.mutate({ userId: benId });
    const blocked = await openSection(ana.page, 'Blocked contacts');
    await blocked.getByRole('list', { name: 'Blocked contacts' }).getByText('Ben Brown').waitFor();
    await blocked.getByRole('button', { name: 'Unblock Ben Brown' }).click();
    await blocked.getByText('You have not blocked anyone.').waitFor();
    expect(await anaApi.trpc.users.blocked.query()).toEqual([]);
    await ana.page.keyboard.press('Escape');
  });

  it('signs another device out from Linked devices: that page returns to sign-in', async () => {
    const tab = await open();
    await signInThroughUi(tab.page, server, anaPhone);
    const devices = await openSection(ana.page, 'Linked devices');
    const list = devices.getByRole('list', { name: 'Signed-in devices' });
    await list.getByText('This device · active now').waitFor();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);
    await list.getByRole('button', { name: /^Sign out Ana’s phone/ }).waitFor();

    const tabToken = await accessTokenOf(tab.page);
    // Ana's other web tab: the row that is neither this page nor her phone.
    await list.locator(`[data-session-id]`).filter({ hasNotText: 'This device' }).filter({ hasText: 'Confab Web' }).getByRole('button').click();
    await tab.page.getByLabel('Phone number').waitFor();
    await tab.page.getByText(/Your session ended/).waitFor();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    const refused = await fetch(`${server.url}/trpc/me.get`, { headers: { authorization: `Bearer ${tabToken}` } });
    expect(refused.status).toBe(401);
    await ana.page.keyboard.press('Escape');
  });

  it('moderation: hidden from others; a moderator sees the evidence and removes the content for everyone', async () => {
    await ben.page.getByRole('button', { name: 'Settings' }).click();
    await settings(ben.page).getByRole('navigation', { name: 'Settings sections' }).waitFor();
    expect(await settings(ben.page).getByRole('button', { name: /^Moderation/ }).count()).toBe(0);
    await ben.page.keyboard.press('Escape');

    const benApi = await signIn(server, benPhone, 'Ben’s phone');
    const chatId = (await benApi.trpc.chats.list.query({})).chats[0]!.id;
    const rude = await anaApi.trpc.messages.send.mutate({ chatId, clientId: 'rude', text: 'You will regret this' });
    await bubble(ben.page, 'You will regret this').waitFor();
    await benApi.trpc.users.report.mutate({ userId: anaApi.user.id, reason: 'Threatening me', messageIds: [rude.id] });
    await anaApi.trpc.messages.edit.mutate({ messageId: rude.id, text: 'Only joking' });
    await benApi.close();

    const mo = await open();
    await signInThroughUi(mo.page, server, moPhone);
    const moderation = await openSection(mo.page, 'Moderation');
    const card = moderation.getByRole('listitem', { name: 'Report about Ana Alves' });
    await card.getByText('Threatening me').waitFor();
    // The evidence as it was reported, not as edited since.
    await card.getByRole('list', { name: 'Reported messages' }).getByText('You will regret this').waitFor();
    await card.getByRole('button', { name: 'Remove content' }).click();
    await moderation.getByText('No reports are waiting.').waitFor();
    await ben.page.locator(`.msg[data-message-id="${rude.id}"]`).getByText(/deleted/i).waitFor();
    await moderation.getByText('Resolved', { exact: true }).click();
    await moderation.getByRole('listitem', { name: 'Report about Ana Alves' }).getByText('Content removed').waitFor();
    await mo.page.keyboard.press('Escape');
  });

  it('screens: each settings page in light and dark, wide and 360 px', async () => {
    const benId = (await anaApi.trpc.users.lookup.mutate({ phones: [benPhone] }))[0]!.user.id;
    const benApi = await signIn(server, benPhone, 'Ben’s phone');
    const chatId = (await benApi.trpc.chats.list.query({})).chats[0]!.id;
    const spam = await benApi.trpc.messages.send.mutate({ chatId, clientId: 'spam-shot', text: 'Win a free cruise! Click bit.ly/not-a-scam now' });
    await anaApi.trpc.users.report.mutate({ userId: benId, reason: 'Spam links', messageIds: [spam.id] });
    await anaApi.trpc.users.block.mutate({ userId: benId });
    await benApi.close();
    const mo = pages.at(-1)!;
    const sections = ['Profile', 'Privacy', 'Notifications', 'Linked devices', 'Blocked contacts', 'Delete account'];
    for (const theme of ['light', 'dark'] as const) {
      for (const [size, viewport] of Object.entries(sizes)) {
        for (const { page } of [ana, mo]) {
          await page.setViewportSize(viewport);
          await page.emulateMedia({ colorScheme: theme });
          await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
        }
        const shot = (page: Page, name: string) => screenshot(page, `screens/${theme}-${size}-settings-${name}`);
        const back = ana.page.getByRole('button', { name: 'Back to chats' });
        if (await back.isVisible()) await back.click();
        await ana.page.getByRole('button', { name: 'Settings' }).click();
        await settings(ana.page).getByRole('navigation', { name: 'Settings sections' }).waitFor();
        await shot(ana.page, 'home');
        for (const label of sections) {
          await settings(ana.page).getByRole('button', { name: new RegExp(`^${label}`) }).click();
          const page = ana.page.getByRole('dialog', { name: label });
          await page.locator('.spinner').waitFor({ state: 'detached' });
          if (label === 'Profile') await page.getByRole('img', { name: /QR code/ }).waitFor();
          if (label === 'Blocked contacts') await page.getByText('Ben Brown').waitFor();
          await shot(ana.page, label.toLowerCase().replace(/ /g, '-'));
          await page.getByRole('button', { name: 'Back' }).click();
        }
        await ana.page.keyboard.press('Escape');

        const moderation = await openSection(mo.page, 'Moderation');
        await moderation.getByRole('listitem', { name: 'Report about Ben Brown' }).waitFor();
        await shot(mo.page, 'moderation');
        await moderation.getByRole('button', { name: 'Suspend user' }).click();
        await moderation.getByRole('group', { name: 'Confirm suspension' }).waitFor();
        await shot(mo.page, 'moderation-confirm');
        await moderation.getByRole('button', { name: 'Cancel' }).click();
        await mo.page.keyboard.press('Escape');
      }
    }
    await anaApi.trpc.users.unblock.mutate({ userId: benId });
  });

  it('deletes the account with a fresh code: every session ends and the page returns to sign-in', async () => {
    const dora = await open();
    const doraPhone = newPhone();
    await signInThroughUi(dora.page, server, doraPhone);
    const other = await signIn(server, doraPhone, 'Dora’s phone');
    const page = await openSection(dora.page, 'Delete account');
    await page.getByRole('button', { name: 'Send a code to confirm' }).click();
    const code = page.getByLabel(/^Code sent to/);
    await code.fill('000000' === server.codes.get(doraPhone) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('alert').filter({ hasText: 'That code is wrong or has expired' }).waitFor();
    await code.fill(server.codes.get(doraPhone)!);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await dora.page.getByLabel('Phone number').waitFor();
    await dora.page.getByText(/Your account was deleted/).waitFor();
    await expect(other.trpc.me.get.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await other.close();
  });

  it('shows no CSP violations or page errors', () => {
    for (const page of pages) expect(page.cspViolations).toEqual([]);
  });
});

