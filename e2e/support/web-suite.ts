import { launchChromium, screenshot } from '@confab/testing/browser';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ensureWebBuild } from './web-build';

export interface WebSuite {
  /** Names the screenshots a failing test leaves in test-results/. */
  name: string;
  /** The pages to photograph when a test fails. */
  pages(): Page[];
  chromiumArgs?: readonly string[];
  /** Extra server environment (e.g. PUSH_ALLOW_LOOPBACK, CALL_SWEEP_MS). */
  env?: Record<string, string>;
  /** After the server (serving the built web client) and the browser are up. */
  setup(server: TestServer, browser: Browser): Promise<void>;
  /** Before the browser and server close (devices signed in over the API). */
  teardown?(): Promise<void>;
}

/**
 * A browser suite against the web client: the built client served by a real server, one
 * Chromium, and a picture of every page left behind when a test fails (CI keeps test-results/).
 */
export function webClientSuite({ name, pages, chromiumArgs = [], env = {}, setup, teardown }: WebSuite): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...env, WEB_DIR: await ensureWebBuild() } });
    browser = await launchChromium(chromiumArgs);
    await setup(server, browser);
  }, 180_000);
  afterAll(async () => {
    await teardown?.();
    await browser?.close();
    await server?.stop();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const test = task.name.replace(/\W+/g, '-').slice(0, 50);
    await Promise.all(pages().map((page, i) => screenshot(page, `failed-${name}-${test}-${i}`).catch(() => undefined)));
  });
}
