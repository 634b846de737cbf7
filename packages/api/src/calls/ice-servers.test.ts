import { createHmac } from 'node:crypto';
import { ManualClock } from '../ports/clock.js';
import { personForSuite } from '@confab/testing/suite';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { describe, expect, it } from 'vitest';
import { turnCredentials } from './turn-credentials.js';

const SECRET = 'mysecret-at-least-16';

describe('TURN REST credentials (coturn use-auth-secret)', () => {
  it('makes the username <expiry>:<userId> and the password base64 HMAC-SHA1 of it', () => {
    // Computed outside Node: echo -n "1700003600:user-1" | openssl dgst -sha1 -hmac "$SECRET" -binary | base64
    const made = turnCredentials(SECRET, 'user-1', new Date(1_700_000_000_000), 3600);
    expect(made).toEqual({ username: '1700003600:user-1', credential: '5MlUeZmboD/d5h4+c1tji4HF80Q=', expiresAt: new Date(1_700_003_600_000) });
  });
});

describe('calls.iceServers', () => {
  let server: TestServer, ana: SignedInUser;
  const clock = new ManualClock(new Date('2026-12-02T12:00:00Z'));
  personForSuite(({ server: s, ana: a }) => ([server, ana] = [s, a]), {
    clock,
    env: { ICE_SERVERS: 'stun:stun.example.org:3478, turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349', TURN_SECRET: SECRET, TURN_CREDENTIAL_TTL_SECONDS: '600' },
  });

  it('gives STUN as is and TURN with credentials for this user that expire after the TTL', async () => {
    const { iceServers, expiresAt } = await ana.trpc.calls.iceServers.query();
    expect(iceServers[0]).toEqual({ urls: ['stun:stun.example.org:3478'] });
    const turn = iceServers[1]!;
    expect(turn.urls).toEqual(['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349']);
    const expiry = Math.floor(clock.now().getTime() / 1000) + 600;
    expect(turn.username).toBe(`${expiry}:${ana.user.id}`);
    expect(turn.credential).toBe(createHmac('sha1', SECRET).update(turn.username!).digest('base64'));
    expect(expiresAt).toBe(new Date(expiry * 1000).toISOString());

    // Credentials are made per request: later, a later expiry (a leaked one stops working).
    clock.advance(60_000);
    const later = (await ana.trpc.calls.iceServers.query()).iceServers[1]!;
    expect(later.username).toBe(`${expiry + 60}:${ana.user.id}`);
    expect(server.logLines.join('\n')).not.toContain(turn.credential!);
  });
});
