import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import type { TestServer } from '@confab/testing/test-server';
import { sendMessage, setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { peerStats, watchPeerConnections } from './webrtc-page';

export interface Person {
  name: string;
  phone: string;
}

/**
 * A Chromium page per person, signed in through the UI with their name set, each keeping its
 * peer connections for getStats; `prepare` runs on each page first (init scripts).
 */
export async function signedInPages(browser: Browser, server: TestServer, people: readonly Person[], { width = 1100, height = 760, prepare }: { width?: number; height?: number; prepare?: (page: Page) => Promise<void> } = {}): Promise<WatchedPage[]> {
  const tabs: WatchedPage[] = [];
  for (const person of people) {
    const tab = await openWatchedPage(browser, { width, height });
    await prepare?.(tab.page);
    await watchPeerConnections(tab.page);
    await signInThroughUi(tab.page, server, person.phone);
    await setProfileName(tab.page, person.name);
    tabs.push(tab);
  }
  return tabs;
}

/** The first page writes to the second person, and both have their chat open (where the call buttons are). */
export async function inOneChat([first, second]: readonly WatchedPage[], [firstPerson, secondPerson]: readonly Person[], text: string): Promise<void> {
  await startChatByPhone(first!.page, secondPerson!.phone);
  await sendMessage(first!.page, text);
  await second!.page.locator('.chat-item', { hasText: firstPerson!.name }).click();
}

/** The page's first connection keeps decoding video: 10 more frames from now. */
export async function keepsDecoding(page: Page): Promise<void> {
  const before = (await peerStats(page))[0]?.framesDecoded ?? 0;
  await expect.poll(async () => (await peerStats(page))[0]?.framesDecoded ?? 0, { timeout: 30_000 }).toBeGreaterThan(before + 10);
}

/** Every connection of the page is up and decoding: `count` connections, 10 more frames from each. */
export async function decodesFromAll(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await peerStats(page)).map((s) => s.state), { timeout: 45_000 }).toEqual(Array<string>(count).fill('connected'));
  const first = (await peerStats(page)).map((s) => s.framesDecoded);
  await expect.poll(async () => (await peerStats(page)).every((s, i) => s.framesDecoded > (first[i] ?? 0) + 10), { timeout: 45_000 }).toBe(true);
}

/** Light and dark pictures of the page at its width, and one at 360 px (phone), into test-results/. */
export async function pictures(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `${name}-${theme}`);
  }
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, `${name}-360`);
  if (wide) await page.setViewportSize(wide);
  await page.emulateMedia({ colorScheme: 'light' });
}
