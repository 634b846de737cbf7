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

  const closedSoon = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

  // Keep-alive here is 200 ms + 200 ms, swept every 200 ms: a silent peer goes within ~800 ms.
  it('drops a half-open socket that stops answering keep-alive pings, and keeps live idle ones', async () => {
    const silent = await connect();
    const healthy = await connect();
    // Sends nothing itself but answers the server's pings, as a browser does.
    healthy.on('ping', () => healthy.pong());
    // Answers no ping, but pings on its own, as the desktop's tRPC client does: that is life too.
    const chatty = await connect();
    const chattyPing = setInterval(() => chatty.send('PING'), 100);
    let keptOpen = 0;
    healthy.once('close', () => (keptOpen -= 1));
    chatty.once('close', () => (keptOpen -= 2));
    const silentClosed = closedSoon(silent);
    expect(await silentClosed).toBe(1006);
    // Several sweeps later the live ones are still open.
    let pongs = 0;
    healthy.on('ping', () => (pongs += 1));
    await expect.poll(() => pongs, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    expect(keptOpen).toBe(0);
    expect(chatty.readyState).toBe(WebSocket.OPEN);
    clearInterval(chattyPing);
    chatty.close();

    // A peer that answered for a while and then went quiet (a laptop lid closed) is dropped too.
    const gone = closedSoon(healthy);
    healthy.removeAllListeners('ping');
    expect(await gone).toBe(1006);
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
