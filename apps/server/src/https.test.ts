import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppRouter } from '@confab/api';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from './config.js';

/**
 * HTTPS and WSS served by the server itself (TLS_CERT_FILE / TLS_KEY_FILE), with a self-signed
 * certificate for 127.0.0.1 made here by openssl. The clients trust only that certificate, so a
 * passing call proves the server presented it.
 */
const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!openssl) console.warn('https.test: openssl is not installed; skipping the HTTPS tests');

function selfSignedCertificate(dir: string): { certFile: string; keyFile: string; cert: Buffer } {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { certFile, keyFile, cert: readFileSync(certFile) };
}

interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request that trusts only `ca`. */
function httpsRequest(url: string, ca: Buffer | undefined, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A fetch for tRPC's HTTP link over node:https, trusting the test's certificate. */
const fetchTrusting =
  (ca: Buffer) =>
  async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const answer = await httpsRequest(String(input), ca, { method: init?.method ?? 'GET', headers, body: typeof init?.body === 'string' ? init.body : undefined });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
    return new Response(answer.body, { status: answer.status, headers: responseHeaders });
  };

/** The desktop app's transport (HTTP for calls, WebSocket for the stream), over HTTPS and WSS. */
function secureClient(url: string, ca: Buffer, token: () => string) {
  class TrustingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { ca });
    }
  }
  const wsClient = createWSClient({
    url: `${url.replace(/^https/, 'wss')}/trpc`,
    WebSocket: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token: token() }),
  });
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: `${url}/trpc`, fetch: fetchTrusting(ca), headers: () => (token() ? { authorization: `Bearer ${token()}` } : {}) }),
      }),
    ],
  });
  return { trpc, close: () => wsClient.close() };
}

describe.skipIf(!openssl)('HTTPS and WSS with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  let dir: string;
  let cert: Buffer;
  let server: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'confab-tls-'));
    const files = selfSignedCertificate(dir);
    cert = files.cert;
    server = await startTestServer({ env: { TLS_CERT_FILE: files.certFile, TLS_KEY_FILE: files.keyFile } });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers over HTTPS with the configured certificate and an HSTS header', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsRequest(`${server.url}/healthz`, cert);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('is refused by a client that does not trust the certificate, and does not speak plain HTTP', async () => {
    await expect(httpsRequest(`${server.url}/healthz`, undefined)).rejects.toThrow(/self[- ]signed|unable to verify/i);
    const plain = await fetch(server.url.replace(/^https/, 'http') + '/healthz').then(
      (r) => r.status,
      () => 'refused',
    );
    expect(plain).not.toBe(200);
  });

  it('signs two people in over HTTPS and delivers a message to the other over WSS', async () => {
    const signInSecure = async (phone: string) => {
      const anonymous = secureClient(server.url, cert, () => '');
      await anonymous.trpc.auth.requestCode.mutate({ phone });
      const result = await anonymous.trpc.auth.verifyCode.mutate({ phone, code: server.codes.get(phone)!, deviceName: 'tls test' });
      await anonymous.close();
      return { ...secureClient(server.url, cert, () => result.accessToken), user: result.user };
    };
    const ana = await signInSecure('+12015550171');
    const ben = await signInSecure('+12015550172');
    try {
      const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
      const received = new Promise<string>((resolve, reject) => {
        const sub = ben.trpc.sync.events.subscribe(
          { lastEventId: '0' },
          {
            onData: (delivery) => {
              // Stored events come tracked ({ id, data }); typing and presence come bare.
              const event = 'data' in delivery ? delivery.data : delivery;
              if (event.type === 'message.new' && event.message.text === 'over TLS') {
                sub.unsubscribe();
                resolve(event.message.text);
              }
            },
            onError: reject,
          },
        );
      });
      await ana.trpc.messages.send.mutate({ chatId, clientId: 'tls-1', text: 'over TLS' });
      expect(await received).toBe('over TLS');
    } finally {
      await Promise.all([ana.close(), ben.close()]);
    }
  });

  it('links it hands out (invites, media) start with https when PUBLIC_URL is unset', () => {
    expect(server.deps.publicUrl).toMatch(/^https:\/\/localhost:/);
  });
});

describe('TLS configuration', () => {
  const base = { NODE_ENV: 'development', JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789', DATA_DIR: tmpdir() };

  it('needs the certificate and the key together', () => {
    expect(() => loadConfig({ ...base, TLS_CERT_FILE: '/nowhere/cert.pem' })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE together/);
  });

  it('stops at start-up when a file cannot be read, naming it', () => {
    expect(() => loadConfig({ ...base, TLS_CERT_FILE: '/nowhere/cert.pem', TLS_KEY_FILE: '/nowhere/key.pem' })).toThrow(/TLS_CERT_FILE \/nowhere\/cert\.pem cannot be read \(ENOENT\)/);
  });

  it('is plain HTTP when neither is set', () => {
    expect(loadConfig(base).tls).toBeNull();
  });
});
