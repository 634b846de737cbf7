import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@confab/testing/browser';
import { newPhone } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { BRIDGE_KEYS } from '../shared/bridge.js';
import { PROCEDURE_NAMES, procedures } from '../shared/procedures/index.js';
import { startDesktopHarness, type DesktopHarness } from './desktop-harness.js';

const FOREIGN = 'http://foreign.example';

type Answer = { ok: boolean; error?: { code: string } };
/** A payload each procedure would accept (or at least try), so only the sender check can stop it. */
const wellFormed = (phone: string) => Object.fromEntries(PROCEDURE_NAMES.map((p) => [p, p === 'session.requestCode' ? { phone } : {}]));
/** Calls every procedure of window.confab in the given frame with one payload each (by name). */
const callEvery = (payloads: Record<string, unknown>) => {
  const confab = (window as unknown as { confab: Record<string, (p: unknown) => Promise<unknown>> }).confab;
  return Promise.all(Object.entries(payloads).map(async ([name, payload]) => [name, await confab[name]!(payload)] as const));
};

/**
 * SECURITY.md 24 through the real preload bundle (out/preload/index.cjs) in Chromium, joined
 * to the production IPC dispatcher and handlers as the desktop harness joins them: the page gets
 * exactly the allow-listed API and no Node, every procedure's payload is validated in main, and
 * a page that is not the app's own top frame is refused whatever it sends.
 */
describe('the preload bridge and IPC checks, with the real preload bundle', () => {
  let server: TestServer, browser: Browser, app: DesktopHarness;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    app = await startDesktopHarness(browser, server.url);
    await app.page.route(`${FOREIGN}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>elsewhere</title><p>elsewhere</p>' }));
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.stop();
  });

  it('gives the page only the allow-listed, frozen API: no require, process or module', async () => {
    await app.page.goto(app.url);
    const globals = await app.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      keys: Object.keys((window as unknown as { confab: object }).confab).sort(),
      frozen: Object.isFrozen((window as unknown as { confab: object }).confab),
      functions: Object.values((window as unknown as { confab: object }).confab).every((v) => typeof v === 'function'),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', keys: [...BRIDGE_KEYS].sort(), frozen: true, functions: true });
  });

  it("validates every procedure's payload in main: malformed ones are refused with BAD_REQUEST", async () => {
    await app.page.goto(app.url);
    // Answered in the desktop: its zod schema refuses a string, a number, null, a list and an unknown field.
    for (const malformed of ['text', 42, null, [], { sneaky: true }]) {
      const payloads = Object.fromEntries(PROCEDURE_NAMES.filter((p) => procedures[p].runs === 'core').map((p) => [p, malformed]));
      for (const [name, answer] of await app.page.evaluate(callEvery, payloads)) {
        expect(answer, `${name} ${JSON.stringify(malformed)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }
    }
    // Online: main passes bounded JSON only; the server's schema then checks each field.
    const huge = Object.fromEntries(PROCEDURE_NAMES.filter((p) => procedures[p].runs === 'server').map((p) => [p, { text: 'x'.repeat(300_000) }]));
    for (const [name, answer] of await app.page.evaluate(callEvery, huge)) expect(answer, name).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses every procedure from a frame inside the app, before it runs', async () => {
    const phone = newPhone();
    await app.page.goto(app.url);
    await app.page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.name = 'inner';
      document.body.append(frame);
    });
    await expect.poll(() => app.page.frame({ name: 'inner' })?.evaluate(() => typeof (window as unknown as { confab?: unknown }).confab)).toBe('object');
    const answers = await app.page.frame({ name: 'inner' })!.evaluate(callEvery, wellFormed(phone));
    expect(answers.length).toBe(PROCEDURE_NAMES.length);
    for (const [name, answer] of answers) expect(answer as Answer, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Nothing ran: no code was requested for the number.
    expect(server.codes.has(phone)).toBe(false);
  });

  it('refuses every procedure from a page of another origin, before it runs', async () => {
    const phone = newPhone();
    await app.page.goto(`${FOREIGN}/`);
    const answers = await app.page.evaluate(callEvery, wellFormed(phone));
    expect(answers.length).toBe(PROCEDURE_NAMES.length);
    for (const [name, answer] of answers) expect(answer as Answer, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(server.codes.has(phone)).toBe(false);
  });
});
