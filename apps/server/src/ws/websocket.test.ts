import { personForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('WebSocket endpoint', () => {
  let server: TestServer;
  let ana: SignedInUser;
  const wsUrl = () => `${server.url.replace('http', 'ws')}/trpc`;

  personForSuite((t) => ({ server, ana } = t), { env: { WS_PING_MS: '200', WS_PONG_WAIT_MS: '200', WS_MAX_PAYLOAD_BYTES: '65536', ALLOWED_ORIGINS: 'https://app.confab.example' } });

  const upgradeStatus = (headers: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl(), { headers });
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('error', () => {});
    });

  it('refuses an upgrade from an Origin that is not allowed with 403', async () => {
    expect(await upgradeStatus({ origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus({ origin: 'https://app.confab.example' })).toBe(101);
    expect(await upgradeStatus({})).toBe(101);
  });

  const connect = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl()}?connectionParams=1`, { autoPong: false });
      socket.once('open', () => {
        socket.send(JSON.stringify({ method: 'connectionParams', data: { token: ana.tokens.accessToken } }));
        resolve(socket);
      });
      socket.once('error', reject);
    });

  it('closes the socket with 1009 when a frame is over maxPayload', async () => {
    const socket = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(100_000));
    expect(await closed).toBe(1009);
  });

  it('drops a half-open socket that stops answering keep-alive pings', async () => {
    const silent = await connect();
    const healthy = await connect();
    // The healthy one answers the server's keep-alive like the tRPC client does; the silent one answers nothing.
    healthy.on('message', (data) => String(data) === 'PING' && healthy.send('PONG'));
    healthy.on('ping', () => healthy.pong());
    let healthyClosed = false;
    healthy.once('close', () => (healthyClosed = true));
    await new Promise((resolve) => silent.once('close', resolve));
    await new Promise((r) => setTimeout(r, 600));
    expect(healthyClosed).toBe(false);
    healthy.close();
  });

  it('refuses a WebSocket whose token is invalid', async () => {
    const socket = new WebSocket(`${wsUrl()}?connectionParams=1`);
    const messages: string[] = [];
    socket.on('message', (data) => messages.push(String(data)));
    await new Promise((r) => socket.once('open', r));
    socket.send(JSON.stringify({ method: 'connectionParams', data: { token: 'not-a-jwt' } }));
    await new Promise((r) => socket.once('close', r));
    expect(messages.join('\n')).toContain('UNAUTHORIZED');
  });
});
