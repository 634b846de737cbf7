import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { RestartableServer, waitUntil } from '../core/testing/harness.js';
import { BRIDGE_KEYS } from '../shared/bridge.js';
import { launchChromium } from '@confab/testing/browser';
import { startDesktopHarness, type DesktopHarness } from './desktop-harness.js';
import { screenshot } from '@confab/testing/browser';
import { bubble } from '@confab/testing/ui';
import { signInThroughDesktopUi } from './desktop-ui.js';

const XSS = '<img src=x onerror=alert(1)>';

/**
 * The desktop path end to end without the Electron binary: Ana uses the desktop app (the core
 * in Node with its SQLite cache, the built renderer in Chromium, joined by the real preload
 * bundle and IPC dispatcher); Ben uses the API directly. The server is stopped and restarted
 * on the same database while Ana keeps working.
 */
describe('desktop app: renderer + preload bridge + core + cache + server', () => {
  const host = new RestartableServer();
  let browser: Browser, app: DesktopHarness, page: Page, ben: SignedInUser, anaId: string, chatId: string;
  const anaPhone = newPhone();

  /** What the cache file itself holds (read with a second connection, as any reader would). */
  const cachedTexts = () => {
    const db = new Database(path.join(app.dataDir, 'cache.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT text FROM messages WHERE chat_id = ? ORDER BY seq').pluck().all(chatId) as (string | null)[]).filter((t) => t !== null);
    } finally {
      db.close();
    }
  };
  const serverTexts = async () => (await ben.trpc.messages.history.query({ chatId, limit: 200 })).messages.map((m) => m.text);

  beforeAll(async () => {
    await host.start();
    browser = await launchChromium();
    app = await startDesktopHarness(browser, host.url);
    page = app.page;
    ben = await signIn(host.server);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await ben?.close();
    await host.dispose();
  });

  it('serves the renderer with the strict CSP header and exposes only the bridge', async () => {
    const response = await page.goto(app.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${host.url} ${host.url.replace('http:', 'ws:')}`);
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      keys: Object.keys((window as unknown as { confab: object }).confab).sort(),
      frozen: Object.isFrozen((window as unknown as { confab: object }).confab),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', keys: [...BRIDGE_KEYS].sort(), frozen: true });
  });

  it('refuses a malformed call from the page', async () => {
    const answers = await page.evaluate(async () => {
      const confab = (window as unknown as { confab: Record<string, (p: unknown) => Promise<unknown>> }).confab;
      return Promise.all([
        confab['outbox.send']!({ chatId: 42, clientId: 'c', text: 'x' }),
        confab['messages.search']!({ query: 'a', injected: true }),
        confab['session.requestCode']!('not an object'),
        // An online procedure: anything but bounded JSON is refused before the server sees it.
        confab['groups.create']!({ name: 'x'.repeat(300_000) }),
      ]);
    });
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('signs in through the sign-in screen', async () => {
    anaId = await signInThroughDesktopUi(app, host.server, anaPhone);
    expect((await app.core.session.me())?.phone).toBe(anaPhone);
  });

  it("shows Ben's messages live and stores them in the SQLite cache", async () => {
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'first', text: 'Are we counting the votes tonight?' });
    const item = page.locator(`.chat-item[data-chat-id="${chatId}"]`);
    await item.filter({ hasText: 'Are we counting the votes tonight?' }).waitFor();
    await item.click();
    await bubble(page, 'Are we counting the votes tonight?').waitFor();

    // With the chat open, the next message arrives in the conversation itself.
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'second', text: 'Bring the café receipts' });
    await bubble(page, 'Bring the café receipts').waitFor();
    expect(cachedTexts()).toEqual(['Are we counting the votes tonight?', 'Bring the café receipts']);
  });

  it('notifies about a message in another chat, not the open one; a click opens that chat', async () => {
    const bodies = () => app.notifications.map((n) => n.options.body);
    expect(bodies()).not.toContain('Bring the café receipts');
    const cleo = await signIn(host.server);
    try {
      const cleoChat = await cleo.trpc.chats.openDirect.mutate({ userId: anaId });
      await cleo.trpc.messages.send.mutate({ chatId: cleoChat.id, clientId: 'lunch', text: 'Lunch at noon?' });
      await waitUntil(() => bodies().includes('Lunch at noon?'), 'the notification is shown');
      const shown = app.notifications.find((n) => n.options.body === 'Lunch at noon?')!;
      expect(shown.options.title).not.toBe('');
      shown.click();
      await page.locator(`.chat-item[data-chat-id="${cleoChat.id}"][aria-current="true"]`).waitFor();
      await bubble(page, 'Lunch at noon?').waitFor();
      // Back to Ben's chat for the rest of the story.
      await page.locator(`.chat-item[data-chat-id="${chatId}"]`).click();
      await bubble(page, 'Bring the café receipts').waitFor();
    } finally {
      await cleo.close();
    }
  });

  it('sends a photo with the paperclip: uploaded through the bridge and core, received by Ben with its caption', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2277aa' } }).png().toBuffer();
    await page.getByRole('textbox', { name: /^Message / }).fill('The harbour from the desktop');
    await page.getByRole('button', { name: 'Attach a file' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: 'Photos and videos' }).click();
    await (await chooser).setFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: png });
    await waitUntil(async () => (await ben.trpc.messages.history.query({ chatId, limit: 5 })).messages.some((m) => m.kind === 'image'), 'Ben has the photo');
    const photo = (await ben.trpc.messages.history.query({ chatId, limit: 5 })).messages.find((m) => m.kind === 'image')!;
    expect(photo).toMatchObject({ text: 'The harbour from the desktop', media: { mime: 'image/png', width: 64, height: 48 } });
    // And it comes back into the desktop app's own conversation (through sync and the cache).
    await page.locator(`.msg--image[data-message-id]`).first().waitFor();
  });

  it('renders markup in a message as text, with no CSP violation', async () => {
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'xss', text: XSS });
    await bubble(page, XSS).waitFor();
    await expect(bubble(page, XSS).locator('.msg__text').innerText()).resolves.toContain(XSS);
    expect(await page.locator('.msg__text img').count()).toBe(0);
    expect(app.dialogs).toEqual([]);
    expect(app.cspViolations).toEqual([]);
  });

  it('reads from the cache while the server is down: banner, history and search', async () => {
    // A poll with Ana's and Ben's votes, seen before going offline.
    await ben.trpc.polls.create.mutate({ chatId, clientId: 'lunch-poll', question: 'Lunch where?', options: ['Café', 'Park'] });
    const poll = page.getByRole('group', { name: 'Poll: Lunch where?' });
    await poll.getByRole('radio', { name: /^Café/ }).click();
    const { options, pollId } = (await ben.trpc.messages.history.query({ chatId })).messages.find((m) => m.kind === 'poll')!.meta as { pollId: string; options: { id: string }[] };
    await ben.trpc.polls.vote.mutate({ pollId, optionIds: [options[1]!.id] });
    await poll.getByTestId('poll-voters').getByText('2 voters').waitFor();
    await waitUntil(() => ((p) => (p.messages.find((m) => m.kind === 'poll')?.meta?.results as { totalVoters?: number } | undefined)?.totalVoters === 2)(app.core.messages.read(chatId)), 'the cache has the results');
    await host.stop();
    const banner = page.locator('[data-connection="cache"]');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toMatch(/Offline — showing saved messages/);
    await expect(bubble(page, 'Bring the café receipts').isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Search messages', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search messages' }).fill('counted');
    const results = page.locator('.search-results .search-result');
    await results.first().waitFor();
    await expect(results.allInnerTexts()).resolves.toEqual([expect.stringContaining('Are we counting the votes tonight?')]);
    await expect(page.getByText('Searching the messages saved on this device.').isVisible()).resolves.toBe(true);
    await screenshot(page, 'desktop-harness-offline-search');
    await page.getByRole('button', { name: 'Close search' }).click();

    // A photo opened before going offline stays viewable: reload the app with the server down.
    await page.reload();
    await page.locator(`.chat-item[data-chat-id="${chatId}"]`).click();
    const photo = page.locator('.msg--image[data-message-id] img.media-thumb__img').first();
    await waitUntil(async () => (await photo.count()) > 0 && (await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)), 'the photo shows offline');
    // The poll's bars too, from the results the cache kept.
    await page.getByRole('group', { name: 'Poll: Lunch where?' }).getByTestId('poll-voters').getByText('2 voters').waitFor();
  });

  it('delivers a message written offline once the server is back, exactly once', async () => {
    const composer = page.getByRole('textbox', { name: /^Message / });
    await composer.fill('Written while the server was down');
    await composer.press('Enter');
    await page.locator('.msg--pending', { hasText: 'Written while the server was down' }).waitFor();
    expect((await app.core.diagnostics()).outboxSize).toBe(1);
    // The window reloads while still offline: the unsent message is still drawn, as pending.
    await page.reload();
    await page.locator(`.chat-item[data-chat-id="${chatId}"]`).click();
    await page.locator('.msg--pending', { hasText: 'Written while the server was down' }).waitFor();

    await host.start();
    await bubble(page, 'Written while the server was down').waitFor({ timeout: 30_000 });
    await page.locator('.msg--pending').waitFor({ state: 'detached' });
    // Online again: the banner empties (it stays in the page for screen readers).
    await page.locator('[data-connection="online"]').waitFor({ state: 'attached' });
    expect((await serverTexts()).filter((t) => t === 'Written while the server was down')).toHaveLength(1);
    expect(cachedTexts().filter((t) => t === 'Written while the server was down')).toHaveLength(1);
    expect((await app.core.diagnostics()).outboxSize).toBe(0);
    expect(await bubble(page, 'Written while the server was down').count()).toBe(1);
  });

  it('a message the server refuses says so; discarded, it stays gone after a reload', async () => {
    // Sign Ben in again: the server restart above closed his connections.
    await ben.close();
    ben = await signIn(host.server, ben.user.phone!);
    await ben.trpc.users.block.mutate({ userId: anaId });
    const composer = page.getByRole('textbox', { name: /^Message / });
    await composer.fill('Are you still there?');
    await composer.press('Enter');
    const refused = page.locator('.msg--pending', { hasText: 'Are you still there?' });
    await refused.getByRole('alert').waitFor();
    await refused.getByRole('button', { name: 'Discard' }).click();
    await refused.waitFor({ state: 'detached' });
    await waitUntil(() => !cachedTexts().includes('Are you still there?'), 'the core forgot it');
    await page.reload();
    await page.locator(`.chat-item[data-chat-id="${chatId}"]`).click();
    await bubble(page, 'Written while the server was down').waitFor();
    expect(await page.locator('.msg--pending').count()).toBe(0);
    expect((await app.core.diagnostics()).outboxSize).toBe(0);
    await ben.trpc.users.unblock.mutate({ userId: anaId });
  });

  it('search pages through every match, not just the newest page', async () => {
    for (let i = 1; i <= 70; i++) await ben.trpc.messages.send.mutate({ chatId, clientId: `timetable-${i}`, text: `Timetable change number ${i}` });
    await waitUntil(() => app.core.search.search('timetable', { limit: 100 }).hits.length === 70, 'the cache has all 70');
    await page.getByRole('button', { name: 'Search messages', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search messages' }).fill('timetable');
    const results = page.locator('.search-results .search-result');
    await results.first().waitFor();
    // A page holds 50; the rest come as the list is scrolled to its end (or "Show more results").
    const more = page.getByRole('button', { name: 'Show more results' });
    // The button may be redrawn (or gone) as results arrive: click it while it is there.
    await expect
      .poll(async () => {
        if (await more.isVisible()) await more.click({ timeout: 2_000 }).catch(() => undefined);
        return results.count();
      })
      .toBe(70);
    const texts = await results.allInnerTexts();
    expect(new Set(texts).size).toBe(70);
    await expect(more.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Close search' }).click();
  });

  it('reported no page errors and no CSP violations throughout', () => {
    expect(app.errors).toEqual([]);
    expect(app.cspViolations).toEqual([]);
    expect(app.dialogs).toEqual([]);
  });
});
