import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TestServer } from '@confab/testing/test-server';
import { completeSignIn } from '@confab/testing/ui';
import { waitUntil } from '../core/testing/harness.js';
import type { DesktopHarness } from './desktop-harness.js';

/** Where the harness suites leave their screenshots (beside the web e2e suites'). */
export const resultsDir = path.resolve(import.meta.dirname, '../../../../test-results');

/** A confirmed (not pending) message bubble whose text contains this. */
export const bubble = (page: Page, text: string) => page.locator('.msg[data-message-id]').filter({ has: page.locator('.msg__text', { hasText: text }) });

/**
 * Signs a number in through the desktop sign-in screen (the code the server "sent" is read
 * from the test server) and waits until the core is online. Returns the signed-in user's id.
 */
export async function signInThroughDesktopUi(app: DesktopHarness, server: TestServer, phone: string): Promise<string> {
  await completeSignIn(app.page, server, phone);
  const me = await app.core.me();
  if (me?.phone !== phone) throw new Error(`the core signed in ${me?.phone ?? 'no one'}, not ${phone}`);
  await waitUntil(async () => (await app.core.connectionState()) === 'online', 'the core is online');
  return me.id;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
