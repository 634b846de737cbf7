import type { IncomingMessage } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { newPhone } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { clientAddressResolver, isAddressOrRange } from './client-address.js';

const request = (peer: string, forwardedFor?: string | string[]) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('who the client is', () => {
  it('without trusted proxies: the connecting address, whatever X-Forwarded-For claims', () => {
    const addressOf = clientAddressResolver([]);
    expect(addressOf(request('198.51.100.7', '203.0.113.9'))).toBe('198.51.100.7');
  });

  it('behind trusted proxies: the nearest address that is not ours, read from the right', () => {
    const addressOf = clientAddressResolver(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    // client → proxy 10.0.0.2 → proxy 10.0.0.1 → us
    expect(addressOf(request('10.0.0.1', '203.0.113.9, 10.0.0.2'))).toBe('203.0.113.9');
    // A client cannot pick its address by sending its own header: only the entry our proxy appended counts.
    expect(addressOf(request('10.0.0.1', '1.2.3.4, 203.0.113.9'))).toBe('203.0.113.9');
    expect(addressOf(request('::ffff:127.0.0.1', ['203.0.113.9']))).toBe('203.0.113.9');
    expect(addressOf(request('fd00::1', '2001:db8::5'))).toBe('2001:db8::5');
    // Not from a proxy of ours: its header is ignored.
    expect(addressOf(request('198.51.100.7', '203.0.113.9'))).toBe('198.51.100.7');
    // A proxy of ours without a header, or with garbage: the proxy itself is all we know.
    expect(addressOf(request('10.0.0.1'))).toBe('10.0.0.1');
    expect(addressOf(request('10.0.0.1', 'not-an-ip'))).toBe('10.0.0.1');
  });

  it('accepts addresses and CIDR ranges in TRUSTED_PROXIES, nothing else', () => {
    expect(['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'].every(isAddressOrRange)).toBe(true);
    expect(['10.0.0.0/33', 'proxy.local', '10.0.0.0/8/1', '', '10.0.0.0/x'].some(isAddressOrRange)).toBe(false);
  });
});

describe('per-IP sign-in limits behind a proxy', () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.stop())));

  const requestCode = (server: TestServer, forwardedFor: string) =>
    fetch(`${server.url}/trpc/auth.requestCode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ phone: newPhone() }),
    }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { error?: { data?: { code?: string } } }).error?.data?.code ?? null }));

  it('counts each client separately when the proxy is trusted, and ignores the header when it is not', async () => {
    const behindProxy = await startTestServer({ env: { AUTH_CODE_REQUESTS_PER_IP_HOUR: '2', TRUSTED_PROXIES: '127.0.0.1,::1' } });
    const direct = await startTestServer({ env: { AUTH_CODE_REQUESTS_PER_IP_HOUR: '2' } });
    servers.push(behindProxy, direct);

    for (let i = 0; i < 2; i++) expect((await requestCode(behindProxy, '203.0.113.9')).status).toBe(200);
    expect(await requestCode(behindProxy, '203.0.113.9')).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
    // Another person behind the same proxy is not held back by the first one's limit.
    expect((await requestCode(behindProxy, '203.0.113.10')).status).toBe(200);

    // Straight to the server: a forged header does not buy a fresh limit.
    for (let i = 0; i < 2; i++) expect((await requestCode(direct, `198.51.100.${i}`)).status).toBe(200);
    expect(await requestCode(direct, '198.51.100.99')).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
  });
});
