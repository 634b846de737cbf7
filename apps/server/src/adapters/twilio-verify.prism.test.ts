import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { LoopbackRequestClient } from '@confab/testing/fake-twilio-verify';
import { TwilioVerifyProvider } from './twilio-verify.js';

/** The repo root; Twilio's spec sits beside the repo in every checkout (../shared). */
const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const SPEC = path.resolve(REPO_ROOT, '../shared/twilio/twilio_verify_v2.json');
const PRISM = path.resolve(REPO_ROOT, 'node_modules/.bin/prism');

const SETTINGS = {
  accountSid: `AC${'1a'.repeat(16)}`,
  authToken: 'prism-auth-token',
  serviceSid: `VA${'2b'.repeat(16)}`,
};

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Prism answers (any status) once it has loaded the spec. */
async function waitUntilAnswering(url: string, prism: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (prism.exitCode !== null) throw new Error(`prism exited early:\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`prism did not start:\n${output()}`);
}

/**
 * "Would Twilio accept the requests we make?" — the real twilio client, through our provider,
 * against Stoplight Prism serving Twilio's own OpenAPI description of Verify v2. Prism checks
 * each request against the spec (path, auth, form fields) and answers 422/401 when it does not
 * conform; it only replays the spec's examples, so behaviour is tested against the fake.
 */
describe('TwilioVerifyProvider against Twilio’s published Verify v2 spec (Prism)', () => {
  let prism: ChildProcess;
  let baseUrl: string;
  let output = '';

  beforeAll(async () => {
    expect(existsSync(SPEC), `Twilio spec expected at ${SPEC}`).toBe(true);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    prism = spawn(PRISM, ['mock', '-h', '127.0.0.1', '-p', String(port), SPEC], { stdio: ['ignore', 'pipe', 'pipe'] });
    prism.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    prism.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    await waitUntilAnswering(baseUrl, prism, () => output);
  }, 120_000);
  afterAll(async () => {
    if (prism && prism.exitCode === null) {
      const exited = new Promise((resolve) => prism.once('exit', resolve));
      prism.kill('SIGTERM');
      await exited;
    }
  });

  const provider = (settings = SETTINGS) => {
    const http = new LoopbackRequestClient(baseUrl);
    const lines: string[] = [];
    const otp = new TwilioVerifyProvider(settings, createLogger('info', { write: (l: string) => void lines.push(l) }), { httpClient: http });
    return { otp, http, lines };
  };

  it('has our send (start a verification) accepted as Twilio specifies it', async () => {
    const { otp, http, lines } = provider();
    await otp.send('+15017122661');
    expect(http.statuses).toEqual([201]);
    expect(lines).toEqual([]);
  });

  it('has our check accepted as Twilio specifies it, and reads its "approved" answer', async () => {
    const { otp, http } = provider();
    await expect(otp.check('+15017122661', '123456')).resolves.toBe(true);
    expect(http.statuses).toHaveLength(1);
    expect(http.statuses[0]).toBeGreaterThanOrEqual(200);
    expect(http.statuses[0]).toBeLessThan(300);
  });

  it('is a real check: a malformed service SID is refused by Prism, and we report it as unavailable', async () => {
    const { otp, http } = provider({ ...SETTINGS, serviceSid: 'VA-not-a-service-sid' });
    await expect(otp.send('+15017122661')).rejects.toMatchObject({ name: 'OtpProviderError', code: 'unavailable' });
    expect(http.statuses).toHaveLength(1);
    expect(http.statuses[0]).toBeGreaterThanOrEqual(400);
    expect(http.statuses[0]).toBeLessThan(500);
  });
});
