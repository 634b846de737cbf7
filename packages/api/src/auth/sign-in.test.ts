import { serverForSuite } from '@confab/testing/suite';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newPhone, signIn } from '@confab/testing/sign-in';
import { recordStatements } from '@confab/testing/statement-recorder';
import { createTestClient, type TestClient } from '@confab/testing/test-client';
import type { TestServer } from '@confab/testing/test-server';
import { ManualClock } from '../ports/clock.js';
import { MINUTE, rejectionOf, START } from './testing/auth-test-kit.js';

/** SECURITY.md sign-in items 2–5: one flow for new and returning numbers, lockout, expiry, single use, hashed codes. */
describe('sign-in with a code', () => {
  const clock = new ManualClock(START);
  let server: TestServer, anonymous: TestClient;
  serverForSuite(async (s) => {
    server = s;
    anonymous = createTestClient(server.url);
    return anonymous;
  }, { clock });

  /** Asks for a code as typed and reads it off the "phone" (the console provider's delivery, keyed by E.164). */
  const requestCode = async (typed: string, e164 = typed) => {
    await anonymous.trpc.auth.requestCode.mutate({ phone: typed });
    const code = server.codes.get(e164);
    if (!code) throw new Error('no code was delivered');
    return code;
  };
  const verify = (phone: string, code: string, deviceName = 'laptop') => anonymous.trpc.auth.verifyCode.mutate({ phone, code, deviceName });
  /** A code that is certainly not `code`. */
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('registers a new number, and signs the same account in again on the second try', async () => {
    const phone = newPhone();
    const first = await verify(phone, await requestCode(phone));
    expect(first.isNewUser).toBe(true);
    expect(first.user.phone).toBe(phone);

    const second = await verify(phone, await requestCode(phone), 'desktop');
    expect(second.isNewUser).toBe(false);
    expect(second.user.id).toBe(first.user.id);
    expect(second.sessionId).not.toBe(first.sessionId);
  });

  it('accepts the number as typed nationally (default region US) as the same account', async () => {
    const phone = newPhone(); // +1201555xxxx
    const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
    const first = await verify(phone, await requestCode(phone));
    const again = await verify(national, await requestCode(national, phone));
    expect(again.user.id).toBe(first.user.id);
  });

  it('locks a number after 5 wrong codes: even the right code gets TOO_MANY_REQUESTS until 15 minutes pass', async () => {
    const phone = newPhone();
    const code = await requestCode(phone);
    for (let i = 0; i < 5; i += 1) {
      expect((await rejectionOf(verify(phone, wrong(code)))).code).toBe('UNAUTHORIZED');
    }
    const locked = await rejectionOf(verify(phone, code));
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.httpStatus).toBe(429);
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);

    // A fresh code does not get around the lock.
    const fresh = await requestCode(phone);
    expect((await rejectionOf(verify(phone, fresh))).code).toBe('TOO_MANY_REQUESTS');

    clock.advance(15 * MINUTE);
    // The lock is over; the last code has expired meanwhile (10 minutes), so ask for another.
    const afterLock = await requestCode(phone);
    const signedIn = await verify(phone, afterLock);
    expect(signedIn.user.phone).toBe(phone);
  });

  it('checks at most 5 codes of a burst of parallel guesses, then locks', async () => {
    const phone = newPhone();
    const code = await requestCode(phone);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const outcomes = await Promise.all(guesses.map((guess) => rejectionOf(verify(phone, guess)).then((r) => r.code)));
    expect(outcomes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(outcomes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(7);
    expect((await rejectionOf(verify(phone, code))).code).toBe('TOO_MANY_REQUESTS');
  });

  it('clears the wrong-code count after a right code', async () => {
    const phone = newPhone();
    const first = await requestCode(phone);
    for (let i = 0; i < 4; i += 1) await rejectionOf(verify(phone, wrong(first)));
    await verify(phone, first);
    const second = await requestCode(phone);
    for (let i = 0; i < 4; i += 1) expect((await rejectionOf(verify(phone, wrong(second)))).code).toBe('UNAUTHORIZED');
    expect((await verify(phone, second)).isNewUser).toBe(false);
  });

  it('refuses a code older than 10 minutes', async () => {
    const phone = newPhone();
    const code = await requestCode(phone);
    clock.advance(10 * MINUTE + 1000);
    expect((await rejectionOf(verify(phone, code))).code).toBe('UNAUTHORIZED');
  });

  it('accepts a code just inside its 10 minutes', async () => {
    const phone = newPhone();
    const code = await requestCode(phone);
    clock.advance(10 * MINUTE - 1000);
    expect((await verify(phone, code)).user.phone).toBe(phone);
  });

  it('refuses a code that was already used', async () => {
    const phone = newPhone();
    const code = await requestCode(phone);
    await verify(phone, code);
    expect((await rejectionOf(verify(phone, code))).code).toBe('UNAUTHORIZED');
  });

  it('refuses a code that was sent to another number, and leaves that code usable by its own number', async () => {
    const phoneA = newPhone();
    const phoneB = newPhone();
    const codeA = await requestCode(phoneA);
    let codeB = await requestCode(phoneB);
    // Both have a code waiting; make sure they differ so the check is about the number.
    while (codeB === codeA) codeB = await requestCode(phoneB);

    expect((await rejectionOf(verify(phoneB, codeA))).code).toBe('UNAUTHORIZED');
    expect((await verify(phoneA, codeA)).user.phone).toBe(phoneA);
    expect((await verify(phoneB, codeB)).user.phone).toBe(phoneB);
  });

  it('replaces the previous code when a new one is requested', async () => {
    const phone = newPhone();
    let old = await requestCode(phone);
    let current = await requestCode(phone);
    while (current === old) [old, current] = [current, await requestCode(phone)];
    expect((await rejectionOf(verify(phone, old))).code).toBe('UNAUTHORIZED');
    expect((await verify(phone, current)).user.phone).toBe(phone);
  });

  it('sends 6-digit codes and stores only a keyed hash of them', async () => {
    const phone = newPhone();
    const code = await requestCode(phone);
    expect(code).toMatch(/^\d{6}$/);

    const row = await server.deps.db.selectFrom('otpCodes').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    // Not a plain hash either: a million candidates would undo a bare SHA-256 in a second.
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect([sha(code), sha(`${phone}:${code}`), sha(`${code}${phone}`)]).not.toContain(row.codeHash);
  });

  it('answers requestCode the same way for a registered and an unregistered number', async () => {
    const registered = await signIn(server);
    await registered.close();
    const unregistered = newPhone();

    const forRegistered = await anonymous.trpc.auth.requestCode.mutate({ phone: registered.phone });
    const forUnregistered = await anonymous.trpc.auth.requestCode.mutate({ phone: unregistered });
    expect(forRegistered.phone).toBe(registered.phone);
    expect(forUnregistered.phone).toBe(unregistered);
    expect({ ...forRegistered, phone: 'x' }).toEqual({ ...forUnregistered, phone: 'x' });
    expect(Object.keys(forRegistered).sort()).toEqual(Object.keys(forUnregistered).sort());
  });

  it('SECURITY.md 5: does the same work for a registered and an unregistered number, so the timing tells nothing', async () => {
    const registered = await signIn(server);
    await registered.close();
    const unregistered = newPhone();
    /** What the server asked the database about this number (or the registered number's account), values aside. */
    const workFor = async (phone: string, call: () => Promise<unknown>) => {
      const about = phone === registered.phone ? [phone, registered.user.id] : [phone];
      const statements = await recordStatements(server.deps.db, about, () => call().catch(() => undefined));
      return statements.map((s) => s.sql);
    };
    const requestWork = async (phone: string) => {
      const sql = await workFor(phone, () => anonymous.trpc.auth.requestCode.mutate({ phone }));
      expect(server.codes.has(phone)).toBe(true);
      return sql;
    };
    const wrongCodeWork = (phone: string) => workFor(phone, () => verify(phone, wrong(server.codes.get(phone)!)));

    const forRegistered = await requestWork(registered.phone);
    expect(forRegistered.length).toBeGreaterThan(0);
    expect(await requestWork(unregistered)).toEqual(forRegistered);
    // A wrong code is checked the same way too: the account is looked up only after the right one.
    const wrongForRegistered = await wrongCodeWork(registered.phone);
    expect(wrongForRegistered.length).toBeGreaterThan(0);
    expect(await wrongCodeWork(unregistered)).toEqual(wrongForRegistered);
    expect(wrongForRegistered.join('\n')).not.toMatch(/"users"/);
  });

  it('refuses a malformed number or code with BAD_REQUEST before anything is sent', async () => {
    expect((await rejectionOf(anonymous.trpc.auth.requestCode.mutate({ phone: '12345' }))).code).toBe('BAD_REQUEST');
    expect((await rejectionOf(verify(newPhone(), '12345'))).code).toBe('BAD_REQUEST');
    expect((await rejectionOf(verify(newPhone(), '12345a'))).code).toBe('BAD_REQUEST');
  });
});
