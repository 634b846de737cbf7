import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'0a'.repeat(16)}`,
  TWILIO_AUTH_TOKEN: 'auth-token',
  TWILIO_VERIFY_SERVICE_SID: `VA${'0b'.repeat(16)}`,
};
/** Enough for loadConfig to succeed in development without touching the disk. */
const BASE = { NODE_ENV: 'development', JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789', DATA_DIR: tmpdir() };
const PRODUCTION = { ...BASE, NODE_ENV: 'production', ...TWILIO };

const load = (env: Record<string, string>) => loadConfig(env);
const failureOf = (env: Record<string, string>): string => {
  try {
    load(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('AUTH_TEST_NUMBERS', () => {
  it('maps each number, in any common format, to its fixed code', () => {
    const config = load({ ...BASE, AUTH_TEST_NUMBERS: '+1 202 555 0142:424242, (202) 555-0143:135790' });
    expect([...config.testNumbers]).toEqual([
      ['+12025550142', '424242'],
      ['+12025550143', '135790'],
    ]);
  });

  it('reads national numbers in DEFAULT_REGION', () => {
    const config = load({ ...BASE, DEFAULT_REGION: 'gb', AUTH_TEST_NUMBERS: '020 7946 0958:111222' });
    expect(config.defaultRegion).toBe('GB');
    expect(config.testNumbers.get('+442079460958')).toBe('111222');
  });

  it('is refused in production unless ALLOW_TEST_NUMBERS_IN_PRODUCTION=1', () => {
    const env = { ...PRODUCTION, AUTH_TEST_NUMBERS: '+12025550142:424242' };
    expect(failureOf(env)).toMatch(/AUTH_TEST_NUMBERS is refused in production unless ALLOW_TEST_NUMBERS_IN_PRODUCTION=1/);
    expect(failureOf({ ...env, ALLOW_TEST_NUMBERS_IN_PRODUCTION: '0' })).toMatch(/ALLOW_TEST_NUMBERS_IN_PRODUCTION=1/);
    expect(load({ ...env, ALLOW_TEST_NUMBERS_IN_PRODUCTION: '1' }).testNumbers.get('+12025550142')).toBe('424242');
  });

  it.each([
    ['no code', '+12025550142', /entry 1 \("\+12025550142"\) must be <phone>:<6-digit code>/],
    ['a 5-digit code', '+12025550142:12345', /entry 1 \("\+12025550142"\) needs a code of exactly 6 digits/],
    ['letters in the code', '+12025550142:12345a', /needs a code of exactly 6 digits/],
    ['an extra part', '+12025550142:123456:7', /must be <phone>:<6-digit code>/],
    ['an invalid number', '+12025550142:123456,12345:654321', /entry 2 \("12345"\) is not a valid phone number/],
    ['a repeated number', '+12025550142:123456,(202) 555-0142:654321', /entry 2 .* repeats \+12025550142/],
  ])('refuses an entry with %s, naming it without echoing a code', (_case, value, message) => {
    const refused = failureOf({ ...BASE, AUTH_TEST_NUMBERS: value });
    expect(refused).toMatch(/^Invalid configuration: AUTH_TEST_NUMBERS/);
    expect(refused).toMatch(message);
    expect(refused).not.toMatch(/654321|123456(?!\d)/);
  });
});

describe('Twilio Verify settings', () => {
  it('uses Twilio when all three settings are present', () => {
    expect(load({ ...BASE, ...TWILIO }).twilio).toEqual({ accountSid: TWILIO.TWILIO_ACCOUNT_SID, authToken: 'auth-token', serviceSid: TWILIO.TWILIO_VERIFY_SERVICE_SID });
  });

  it('refuses a partial set, naming what is missing', () => {
    expect(failureOf({ ...BASE, TWILIO_ACCOUNT_SID: TWILIO.TWILIO_ACCOUNT_SID })).toBe(
      'Invalid configuration: Twilio Verify needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID together; missing TWILIO_AUTH_TOKEN, TWILIO_VERIFY_SERVICE_SID',
    );
    expect(failureOf({ ...BASE, ...TWILIO, TWILIO_AUTH_TOKEN: '' })).toMatch(/missing TWILIO_AUTH_TOKEN$/);
  });

  it('refuses malformed SIDs with the expected shape', () => {
    expect(failureOf({ ...BASE, ...TWILIO, TWILIO_ACCOUNT_SID: 'AC123' })).toMatch(/TWILIO_ACCOUNT_SID: TWILIO_ACCOUNT_SID looks like AC \+ 32 hex digits/);
    expect(failureOf({ ...BASE, ...TWILIO, TWILIO_VERIFY_SERVICE_SID: `MG${'0b'.repeat(16)}` })).toMatch(/TWILIO_VERIFY_SERVICE_SID looks like VA \+ 32 hex digits/);
  });

  it('treats empty variables as unset (TWILIO_ACCOUNT_SID= in a .env file)', () => {
    const config = load({ ...BASE, TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_VERIFY_SERVICE_SID: ' ', PORT: '' });
    expect(config.twilio).toBeNull();
    expect(config.port).toBe(3000);
  });
});

describe('production', () => {
  it('refuses to start without Twilio unless console codes are explicitly allowed', () => {
    const withoutTwilio = { ...BASE, NODE_ENV: 'production' };
    expect(failureOf(withoutTwilio)).toBe('Invalid configuration: production needs Twilio Verify (TWILIO_*) or ALLOW_CONSOLE_CODES_IN_PRODUCTION=1');
    const allowed = load({ ...withoutTwilio, ALLOW_CONSOLE_CODES_IN_PRODUCTION: '1' });
    expect(allowed.twilio).toBeNull();
  });

  it('starts with Twilio and a JWT secret', () => {
    expect(load(PRODUCTION).twilio?.serviceSid).toBe(TWILIO.TWILIO_VERIFY_SERVICE_SID);
  });

  it('requires JWT_SECRET, of at least 32 characters', () => {
    const { JWT_SECRET: _unused, ...withoutSecret } = PRODUCTION;
    expect(failureOf(withoutSecret)).toBe('Invalid configuration: JWT_SECRET is required in production');
    expect(failureOf({ ...PRODUCTION, JWT_SECRET: 'short' })).toMatch(/JWT_SECRET must be at least 32 characters/);
  });

  it('refuses a DEFAULT_REGION that is not a country code', () => {
    expect(failureOf({ ...BASE, DEFAULT_REGION: 'XX' })).toMatch(/DEFAULT_REGION is a two-letter country code/);
  });
});

describe('ICE servers for calls', () => {
  it('reads ICE_SERVERS as a comma-separated list and TURN_SECRET beside it', () => {
    const config = load({ ...BASE, ICE_SERVERS: 'stun:stun.example.org:3478, turn:turn.example.org:3478', TURN_SECRET: 'a-coturn-static-secret' });
    expect(config.calls).toEqual({ iceUrls: ['stun:stun.example.org:3478', 'turn:turn.example.org:3478'], turnSecret: 'a-coturn-static-secret', turnTtlSeconds: 21_600 });
    expect(load(BASE).calls.iceUrls).toEqual([]);
  });

  it('refuses a TURN server without TURN_SECRET (no static passwords) and URLs of another scheme', () => {
    expect(failureOf({ ...BASE, ICE_SERVERS: 'turn:turn.example.org:3478' })).toMatch(/TURN_SECRET .* is required/);
    expect(failureOf({ ...BASE, ICE_SERVERS: 'https://turn.example.org' })).toMatch(/ICE_SERVERS lists stun:, stuns:, turn: or turns: URLs/);
  });

  it('keeps media in files unless MEDIA_STORE=s3, which needs a bucket and both keys or neither', () => {
    expect(load(BASE).mediaStore).toEqual({ kind: 'file' });
    expect(failureOf({ ...BASE, MEDIA_STORE: 's3' })).toMatch(/MEDIA_STORE=s3 needs S3_BUCKET/);
    expect(failureOf({ ...BASE, MEDIA_STORE: 's3', S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'key' })).toMatch(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/);
    expect(failureOf({ ...BASE, MEDIA_STORE: 's3', S3_BUCKET: 'Not_A_Bucket' })).toMatch(/S3_BUCKET is a bucket name/);
    expect(failureOf({ ...BASE, MEDIA_STORE: 's3', S3_BUCKET: 'media', S3_PREFIX: 'no-slash' })).toMatch(/S3_PREFIX/);
    expect(load({ ...BASE, MEDIA_STORE: 's3', S3_BUCKET: 'media', S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: '1', S3_PREFIX: 'confab/' }).mediaStore).toEqual({
      kind: 's3',
      s3: { bucket: 'media', region: 'us-east-1', endpoint: 'http://minio:9000', publicEndpoint: null, forcePathStyle: true, credentials: null, prefix: 'confab/', presignSeconds: 300 },
    });
  });
});
