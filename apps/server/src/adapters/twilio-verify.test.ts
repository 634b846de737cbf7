import { ManualClock } from '@confab/api';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { FakeTwilioVerify, LoopbackRequestClient } from '@confab/testing/fake-twilio-verify';
import { newPhone } from '@confab/testing/sign-in';
import { createTestClient, type TestClient } from '@confab/testing/test-client';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { TwilioVerifyProvider } from './twilio-verify.js';

const SETTINGS = {
  accountSid: `AC${'1a'.repeat(16)}`,
  authToken: 'fake-auth-token-0123456789abcdef',
  serviceSid: `VA${'2b'.repeat(16)}`,
};
const MINUTE = 60_000;

async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { code: string; retryAfterSeconds?: number };
    return { code: data.code, retryAfterSeconds: data.retryAfterSeconds };
  }
  throw new Error('expected the call to be refused');
}

/** Sign-in through Twilio Verify end to end: our server → the real twilio client → a stateful fake of Verify. */
describe('sign-in through Twilio Verify', () => {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const providerLog: string[] = [];
  let fake: FakeTwilioVerify, server: TestServer, anonymous: TestClient;

  beforeAll(async () => {
    fake = await FakeTwilioVerify.start({ ...SETTINGS, now: () => clock.now() });
    const log = createLogger('info', { write: (line: string) => void providerLog.push(line) });
    const otp = new TwilioVerifyProvider(SETTINGS, log, { httpClient: new LoopbackRequestClient(fake.url) }, clock);
    server = await startTestServer({ clock, otp });
    anonymous = createTestClient(server.url);
  });
  afterAll(async () => {
    await anonymous?.close();
    await server?.stop();
    await fake?.close();
  });

  const requestCode = (phone: string) => anonymous.trpc.auth.requestCode.mutate({ phone });
  const verify = (phone: string, code: string) => anonymous.trpc.auth.verifyCode.mutate({ phone, code, deviceName: 'laptop' });
  const requestsFor = (phone: string) => fake.requests.filter((r) => r.form.To === phone);
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('sends the code by SMS through Twilio and signs the number in with it', async () => {
    const phone = newPhone();
    await expect(requestCode(phone)).resolves.toEqual({ phone, expiresInSeconds: 600 });
    expect(requestsFor(phone)).toEqual([{ endpoint: 'send', path: `/v2/Services/${SETTINGS.serviceSid}/Verifications`, form: { To: phone, Channel: 'sms' }, status: 201 }]);

    const code = fake.sentCodes.get(phone)!;
    const signedIn = await verify(phone, code);
    expect(signedIn.isNewUser).toBe(true);
    expect(requestsFor(phone).at(-1)).toEqual({ endpoint: 'check', path: `/v2/Services/${SETTINGS.serviceSid}/VerificationCheck`, form: { To: phone, Code: code }, status: 200 });
    // Twilio keeps the code: nothing is stored on our side.
    expect(await server.deps.db.selectFrom('otpCodes').selectAll().where('phone', '=', phone).execute()).toEqual([]);
  });

  it('refuses a wrong code (Twilio answers "pending") and then accepts the right one', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const code = fake.sentCodes.get(phone)!;
    expect((await refusal(verify(phone, wrong(code)))).code).toBe('UNAUTHORIZED');
    expect((await verify(phone, code)).user.phone).toBe(phone);
  });

  it('refuses a used code, an expired code and a code for another number (Twilio 20404 on check)', async () => {
    const used = newPhone();
    await requestCode(used);
    const usedCode = fake.sentCodes.get(used)!;
    await verify(used, usedCode);
    expect((await refusal(verify(used, usedCode))).code).toBe('UNAUTHORIZED');
    expect(requestsFor(used).at(-1)?.status).toBe(404);

    const late = newPhone();
    await requestCode(late);
    clock.advance(10 * MINUTE + 1000);
    expect((await refusal(verify(late, fake.sentCodes.get(late)!))).code).toBe('UNAUTHORIZED');

    const [phoneA, phoneB] = [newPhone(), newPhone()];
    await requestCode(phoneA);
    expect((await refusal(verify(phoneB, fake.sentCodes.get(phoneA)!))).code).toBe('UNAUTHORIZED');
    expect((await verify(phoneA, fake.sentCodes.get(phoneA)!)).user.phone).toBe(phoneA);
  });

  it('locks the number after 5 wrong codes on our side, without asking Twilio a 6th time', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const code = fake.sentCodes.get(phone)!;
    for (let i = 0; i < 5; i += 1) expect((await refusal(verify(phone, wrong(code)))).code).toBe('UNAUTHORIZED');
    const locked = await refusal(verify(phone, code));
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(requestsFor(phone).filter((r) => r.endpoint === 'check')).toHaveLength(5);
  });

  it.each([
    [60202, 429, 'TOO_MANY_REQUESTS'],
    [60203, 429, 'TOO_MANY_REQUESTS'],
    [60410, 403, 'FORBIDDEN'],
    [60605, 403, 'FORBIDDEN'],
  ])('maps Twilio error %i on sending to %s, after exactly one request', async (twilioCode, status, expected) => {
    const phone = newPhone();
    fake.failNext('send', { code: twilioCode, status });
    const refused = await refusal(requestCode(phone));
    expect(refused.code).toBe(expected);
    if (expected === 'TOO_MANY_REQUESTS') expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    // No retry loop: Twilio was asked once.
    expect(requestsFor(phone)).toHaveLength(1);
  });

  it('maps Twilio 60202 (max check attempts) on checking to TOO_MANY_REQUESTS', async () => {
    const phone = newPhone();
    await requestCode(phone);
    fake.failNext('check', { code: 60202, status: 429 });
    const refused = await refusal(verify(phone, fake.sentCodes.get(phone)!));
    expect(refused).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 600 });
    expect(requestsFor(phone).filter((r) => r.endpoint === 'check')).toHaveLength(1);
  });

  it('treats 20404 on checking as a wrong code', async () => {
    const phone = newPhone();
    await requestCode(phone);
    fake.failNext('check', { code: 20404, status: 404 });
    expect((await refusal(verify(phone, fake.sentCodes.get(phone)!))).code).toBe('UNAUTHORIZED');
    // The code itself is still good: 20404 did not consume it.
    expect((await verify(phone, fake.sentCodes.get(phone)!)).user.phone).toBe(phone);
  });

  it('does not count a check Twilio could not answer as a wrong code', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const code = fake.sentCodes.get(phone)!;
    fake.failNext('check', { code: 20429, status: 429 });
    // The first is Twilio's refusal; the next two are refused here, during the pause it started.
    for (let i = 0; i < 3; i += 1) expect((await refusal(verify(phone, code))).code).toBe('TOO_MANY_REQUESTS');
    expect(requestsFor(phone).filter((r) => r.endpoint === 'check')).toHaveLength(1);
    clock.advance(MINUTE + 1000);
    for (let i = 0; i < 4; i += 1) expect((await refusal(verify(phone, wrong(code)))).code).toBe('UNAUTHORIZED');
    expect((await verify(phone, code)).user.phone).toBe(phone);
  });

  it.each([
    [20429, 'too many requests'],
    [25109, 'back off'],
  ])('SECURITY.md 6: Twilio %i (%s) pauses sign-in for every number, without asking Twilio, then lets it resume', async (twilioCode) => {
    const [first, other, waiting] = [newPhone(), newPhone(), newPhone()];
    await requestCode(waiting);
    const waitingCode = fake.sentCodes.get(waiting)!;
    const asked = fake.requests.length;

    fake.failNext('send', { code: twilioCode, status: 429 });
    expect(await refusal(requestCode(first))).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 60 });
    // Another number, and a check of a code sent before the pause: refused here, with the time left.
    const otherRefused = await refusal(requestCode(other));
    const checkRefused = await refusal(verify(waiting, waitingCode));
    for (const refused of [otherRefused, checkRefused]) {
      expect(refused.code).toBe('TOO_MANY_REQUESTS');
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    clock.advance(30_000);
    expect((await refusal(requestCode(other))).retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(fake.requests.length - asked).toBe(1);

    // A refusal right after the pause doubles the next one; a success resets it.
    clock.advance(30_000);
    fake.failNext('send', { code: twilioCode, status: 429 });
    expect(await refusal(requestCode(other))).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 120 });
    clock.advance(2 * MINUTE);
    await expect(requestCode(other)).resolves.toMatchObject({ phone: other });
    expect((await verify(waiting, waitingCode)).user.phone).toBe(waiting);
    fake.failNext('send', { code: twilioCode, status: 429 });
    expect(await refusal(requestCode(first))).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 60 });
    clock.advance(MINUTE);
    expect(fake.requests.length - asked).toBe(5);
  });

  it('reports an unknown Twilio failure as a temporary one, without retrying', async () => {
    const phone = newPhone();
    fake.failNext('send', { code: 20500, status: 500 });
    const refused = await refusal(requestCode(phone));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.retryAfterSeconds).toBe(30);
    expect(requestsFor(phone)).toHaveLength(1);
  });

  it('logs Twilio refusals with their code, never the number or the code', async () => {
    const refusals = providerLog.map((line) => JSON.parse(line) as Record<string, unknown>).filter((r) => r.event === 'otp.twilio_refused');
    expect(refusals.map((r) => r.twilioCode)).toEqual(expect.arrayContaining([60202, 60203, 60410, 60605, 25109]));
    const everyLine = [...providerLog, ...server.logLines].join('\n');
    for (const request of fake.requests) {
      if (request.form.To) expect(everyLine).not.toContain(request.form.To.slice(1));
      if (request.form.Code) expect(everyLine).not.toMatch(new RegExp(`[^0-9A-Za-z]${request.form.Code}[^0-9A-Za-z]`));
    }
  });
});

describe('TwilioVerifyProvider with bad credentials', () => {
  it('fails the send as "unavailable" and logs an error for the operator', async () => {
    const fake = await FakeTwilioVerify.start(SETTINGS);
    const lines: string[] = [];
    const provider = new TwilioVerifyProvider({ ...SETTINGS, authToken: 'wrong-token' }, createLogger('info', { write: (l: string) => void lines.push(l) }), {
      httpClient: new LoopbackRequestClient(fake.url),
    });
    try {
      await expect(provider.send('+12015550100')).rejects.toMatchObject({ name: 'OtpProviderError', code: 'unavailable' });
      expect(fake.requests).toHaveLength(1);
      expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ level: 50, event: 'otp.twilio_failed', twilioCode: 20003, status: 401 })]);
    } finally {
      await fake.close();
    }
  });
});
