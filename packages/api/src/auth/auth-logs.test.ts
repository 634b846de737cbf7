import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { newPhone } from '@confab/testing/sign-in';
import { createTestClient, type TestClient } from '@confab/testing/test-client';
import type { TestServer } from '@confab/testing/test-server';
import { ManualClock } from '../ports/clock.js';
import { rejectionOf, START } from './testing/auth-test-kit.js';

type LogRecord = Record<string, unknown>;

/** Every string and number in a log record, however deep. */
function valuesOf(value: unknown): Array<string | number> {
  if (typeof value === 'string' || typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(valuesOf);
  return [];
}

/** A 6-digit code standing on its own in a value (not inside a longer id or timestamp). */
const mentionsCode = (value: string | number, code: string) =>
  typeof value === 'number' ? String(value) === code : new RegExp(`(^|[^0-9A-Za-z])${code}($|[^0-9A-Za-z])`).test(value);

/** SECURITY.md sign-in item 7: no code, token or full phone number in any log line; every sign-in, refresh and logout logged. */
describe('what sign-in logs', () => {
  const clock = new ManualClock(START);
  let server: TestServer;
  let anonymous: TestClient;
  const phone = newPhone();
  const codes: string[] = [];
  const tokens: string[] = [];
  let userId = '';

  serverForSuite(async (s) => {
    server = s;
    anonymous = createTestClient(server.url);

    // A whole life of one device: a wrong code, sign-in, a refresh, a second device, logout.
    await anonymous.trpc.auth.requestCode.mutate({ phone });
    const code = server.codes.get(phone)!;
    codes.push(code);
    await rejectionOf(anonymous.trpc.auth.verifyCode.mutate({ phone, code: String((Number(code) + 1) % 1_000_000).padStart(6, '0') }));
    const signedIn = await anonymous.trpc.auth.verifyCode.mutate({ phone, code, deviceName: 'laptop' });
    userId = signedIn.user.id;
    tokens.push(signedIn.accessToken, signedIn.refreshToken);
    const refreshed = await anonymous.trpc.auth.refresh.mutate({ refreshToken: signedIn.refreshToken });
    tokens.push(refreshed.accessToken, refreshed.refreshToken);

    await anonymous.trpc.auth.requestCode.mutate({ phone });
    const second = server.codes.get(phone)!;
    codes.push(second);
    const desktop = await anonymous.trpc.auth.verifyCode.mutate({ phone, code: second, deviceName: 'desktop' });
    tokens.push(desktop.accessToken, desktop.refreshToken);

    const client = createTestClient(server.url, () => refreshed.accessToken);
    await client.trpc.auth.logout.mutate();
    await client.close();
    return anonymous;
  }, { clock });

  const records = (): LogRecord[] => server.logLines.map((line) => JSON.parse(line) as LogRecord);

  it('never logs a code', () => {
    for (const record of records()) {
      for (const value of valuesOf(record)) {
        for (const code of codes) expect(mentionsCode(value, code), `${code} in ${JSON.stringify(record)}`).toBe(false);
      }
    }
  });

  it('never logs an access or refresh token', () => {
    for (const line of server.logLines) {
      for (const token of tokens) expect(line.includes(token), line).toBe(false);
    }
  });

  it('never logs the full phone number, with or without its +', () => {
    expect(server.logLines.length).toBeGreaterThan(0);
    for (const line of server.logLines) {
      expect(line.includes(phone.slice(1)), line).toBe(false);
      expect(line.includes(phone.slice(2)), line).toBe(false);
    }
  });

  it('logs every sign-in, refresh and logout', () => {
    const events = records().filter((r) => r.userId === userId);
    expect(events.filter((r) => r.event === 'auth.signed_in').map((r) => r.isNewUser)).toEqual([true, false]);
    expect(events.filter((r) => r.event === 'auth.refreshed')).toHaveLength(1);
    expect(events.filter((r) => r.event === 'auth.session_ended').map((r) => r.reason)).toEqual(['logout']);
  });

  it('logs code requests and wrong codes with a masked number only', () => {
    const requested = records().filter((r) => r.event === 'auth.code_requested');
    expect(requested.length).toBeGreaterThanOrEqual(2);
    expect(requested[0]!.phone).toMatch(/^\+\d{3}\*\*\*\d{2}$/);
    expect(records().filter((r) => r.event === 'auth.code_rejected')).toHaveLength(1);
  });

  it('masks or removes secrets even when a careless line logs them', () => {
    server.deps.log.info({ phone, code: '314159', refreshToken: tokens[1], nested: { accessToken: tokens[0], phone } }, 'careless');
    const careless = records().find((r) => r.msg === 'careless')!;
    expect(JSON.stringify(careless)).not.toContain(phone.slice(1));
    expect(JSON.stringify(careless)).not.toContain('314159');
    expect(JSON.stringify(careless)).not.toContain(tokens[0]);
    expect(JSON.stringify(careless)).not.toContain(tokens[1]);
  });
});
