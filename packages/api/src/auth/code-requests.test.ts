import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { newPhone } from '@confab/testing/sign-in';
import { createTestClient, type TestClient } from '@confab/testing/test-client';
import type { TestServer } from '@confab/testing/test-server';
import { ManualClock } from '../ports/clock.js';
import { CountingOtpProvider } from './testing/counting-otp-provider.js';
import { MINUTE, rejectionOf, START } from './testing/auth-test-kit.js';

/** SECURITY.md sign-in item 1: our own limits stop SMS pumping before the provider is paid to send anything. */
describe('code requests for one number', () => {
  const clock = new ManualClock(START);
  const otp = new CountingOtpProvider();
  const TEST_NUMBER = '+12025550142';
  const OTHER_TEST_NUMBER = '+12025550143';
  let server: TestServer, anonymous: TestClient;
  serverForSuite(async (s) => {
    server = s;
    anonymous = createTestClient(server.url);
    return anonymous;
  }, { clock, otp, env: { AUTH_TEST_NUMBERS: `${TEST_NUMBER}:424242, ${OTHER_TEST_NUMBER}:135790` } });

  const requestCode = (phone: string) => anonymous.trpc.auth.requestCode.mutate({ phone });

  it('refuses the 6th request within 10 minutes before the provider is called', async () => {
    const phone = newPhone();
    const sendsBefore = otp.sends;
    for (let i = 0; i < 5; i += 1) {
      await requestCode(phone);
      clock.advance(MINUTE);
    }
    expect(otp.sends - sendsBefore).toBe(5);

    const refused = await rejectionOf(requestCode(phone));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    // The first request was 5 minutes ago: it leaves the window in 5 minutes.
    expect(refused.retryAfterSeconds).toBe(5 * 60);
    expect(otp.sends - sendsBefore).toBe(5);

    clock.advance(5 * MINUTE);
    await requestCode(phone);
    expect(otp.sends - sendsBefore).toBe(6);
  });

  it('holds over any 10 minutes, not just within fixed windows', async () => {
    const phone = newPhone();
    await requestCode(phone); // t = 0
    clock.advance(9 * MINUTE);
    for (let i = 0; i < 4; i += 1) await requestCode(phone); // t = 9 min: five in the window
    clock.advance(MINUTE + 1000); // t = 10:01 — the first has left the window, the other four have not
    await requestCode(phone);
    const refused = await rejectionOf(requestCode(phone));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    // The four from t = 9 min leave the window at t = 19 min: 8 min 59 s from now.
    expect(refused.retryAfterSeconds).toBe(8 * 60 + 59);
  });

  it('counts each number separately', async () => {
    const busy = newPhone();
    for (let i = 0; i < 5; i += 1) await requestCode(busy);
    expect((await rejectionOf(requestCode(busy))).code).toBe('TOO_MANY_REQUESTS');
    await expect(requestCode(newPhone())).resolves.toMatchObject({ expiresInSeconds: 600 });
  });

  it('signs a test number in with its fixed code without asking the provider to send or check', async () => {
    const before = { sends: otp.sends, checks: otp.checks };
    const reply = await requestCode('(202) 555-0142');
    expect(reply).toEqual({ phone: TEST_NUMBER, expiresInSeconds: 600 });

    const signedIn = await anonymous.trpc.auth.verifyCode.mutate({ phone: TEST_NUMBER, code: '424242', deviceName: 'demo' });
    expect(signedIn.user.phone).toBe(TEST_NUMBER);
    expect({ sends: otp.sends, checks: otp.checks }).toEqual(before);
  });

  it("keeps a test number's code to that number, and locks it after 5 wrong codes like any other", async () => {
    expect((await rejectionOf(anonymous.trpc.auth.verifyCode.mutate({ phone: OTHER_TEST_NUMBER, code: '424242' }))).code).toBe('UNAUTHORIZED');
    for (let i = 0; i < 4; i += 1) {
      expect((await rejectionOf(anonymous.trpc.auth.verifyCode.mutate({ phone: OTHER_TEST_NUMBER, code: '000000' }))).code).toBe('UNAUTHORIZED');
    }
    expect((await rejectionOf(anonymous.trpc.auth.verifyCode.mutate({ phone: OTHER_TEST_NUMBER, code: '135790' }))).code).toBe('TOO_MANY_REQUESTS');
  });

  it('still limits how often a test number may ask for a code', async () => {
    clock.advance(10 * MINUTE);
    for (let i = 0; i < 5; i += 1) await requestCode(OTHER_TEST_NUMBER);
    expect((await rejectionOf(requestCode(OTHER_TEST_NUMBER))).code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('code requests from one network', () => {
  const clock = new ManualClock(START);
  const otp = new CountingOtpProvider();
  let server: TestServer, anonymous: TestClient;
  serverForSuite(async (s) => {
    server = s;
    anonymous = createTestClient(server.url);
    return anonymous;
  }, { clock, otp, env: { AUTH_CODE_REQUESTS_PER_IP_HOUR: '3' } });

  it('limits how many numbers one address may ask codes for, before the provider is called', async () => {
    for (let i = 0; i < 3; i += 1) await anonymous.trpc.auth.requestCode.mutate({ phone: newPhone() });
    const refused = await rejectionOf(anonymous.trpc.auth.requestCode.mutate({ phone: newPhone() }));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.retryAfterSeconds).toBe(60 * 60);
    expect(otp.sends).toBe(3);

    clock.advance(60 * MINUTE);
    await anonymous.trpc.auth.requestCode.mutate({ phone: newPhone() });
    expect(otp.sends).toBe(4);
  });
});
