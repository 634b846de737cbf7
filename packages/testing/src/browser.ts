import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const resultsDir = path.resolve(import.meta.dirname, '../../../test-results');

/** A fake camera and microphone that need no permission prompt (voice notes, calls). */
export const FAKE_MEDIA_DEVICES = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Debian's Chromium, headless, with nothing that phones home (STACK.md); `extraArgs` add flags. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new', ...extraArgs],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** CSP violations reported by the page (securitypolicyviolation events and console reports). */
  cspViolations: string[];
  /** alert()/confirm()/prompt() calls: script injected through message text would show here. */
  dialogs: string[];
  /** Uncaught exceptions and console errors. */
  errors: string[];
}

export interface PageOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
}

/** A page in its own browser context (own storage: a separate signed-in person). */
export async function openWatchedPage(browser: Browser, options: PageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const watched: WatchedPage = { page, context, cspViolations: [], dialogs: [], errors: [] };
  await page.exposeBinding('__reportCspViolation', (_source, text: string) => void watched.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    const url = message.location().url;
    if (/Content Security Policy/i.test(text)) watched.cspViolations.push(text);
    else if (message.type() === 'error') watched.errors.push(`${text} ${url}`);
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return watched;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

/** The window sizes UI work is checked at: a laptop and a 360 px phone. */
export const screenSizes = { wide: { width: 1280, height: 800 }, narrow: { width: 360, height: 740 } } as const;

/** `screens/<name>-<theme>-<size>` at both sizes, light and dark; then back to the wide light window tests use. */
export async function screenshotEverySize(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of Object.entries(screenSizes)) {
    for (const theme of ['light', 'dark'] as const) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await screenshot(page, `screens/${name}-${theme}-${size}`);
    }
  }
  await page.setViewportSize(screenSizes.wide);
  await page.emulateMedia({ colorScheme: 'light' });
}
