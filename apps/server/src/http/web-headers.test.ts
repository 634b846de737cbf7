import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverForSuite } from '@confab/testing/suite';
import type { TestServer } from '@confab/testing/test-server';

const webDir = mkdtempSync(path.join(tmpdir(), 'confab-web-'));
writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Confab</title>');
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

/** GET with a Host header of our choosing (fetch does not let a page pick it). */
function getWithHost(server: TestServer, pathname: string, host: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: pathname, headers: { host } }, (res) => {
      res.resume();
      resolve(res.headers);
    });
    req.once('error', reject);
    req.end();
  });
}

const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

/** Issue 13 item 3: the web build's headers, and /metrics kept from the public. */
describe('web client headers', () => {
  let server: TestServer;
  serverForSuite(async (s) => void (server = s), { env: { WEB_DIR: webDir, METRICS_TOKEN: 'metrics-token-0123456789' } });

  it('pins connect-src to the server itself, forbids framing, and allows camera and microphone to this origin only', async () => {
    for (const pathname of ['/', '/chats/some-route', '/index.html']) {
      const res = await fetch(`${server.url}${pathname}`);
      expect(res.status).toBe(200);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${server.port}`, `wss://127.0.0.1:${server.port}`]);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('permissions-policy')).toMatch(/camera=\(self\), microphone=\(self\)/);
      expect(res.headers.get('permissions-policy')).toMatch(/geolocation=\(self\), payment=\(\)/);
    }
  });

  it('puts no host it was not asked for into the policy: a malformed Host gets only self', async () => {
    const headers = await getWithHost(server, '/', 'evil.example; script-src *');
    expect(directives(String(headers['content-security-policy'])).get('connect-src')).toEqual(["'self'"]);
    expect(directives(String(headers['content-security-policy'])).get('script-src')).toEqual(["'self'"]);
  });

  it('serves /metrics only with METRICS_TOKEN', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('confab_http_requests_total');
  });
});

describe('metrics on a port of their own', () => {
  let server: TestServer;
  serverForSuite(async (s) => void (server = s), { env: { METRICS_PORT: '0' } });

  it('answers 404 for /metrics on the app port and serves it on METRICS_PORT', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect(server.metricsUrl).not.toBeNull();
    const res = await fetch(server.metricsUrl!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('confab_ws_connections');
  });
});
