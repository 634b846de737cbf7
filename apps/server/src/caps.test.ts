import { connect, type Socket } from 'node:net';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppRouter } from '@confab/api';
import { rejectionOf } from '@confab/api/auth/testing/auth-test-kit';
import { upload } from '@confab/testing/media/upload';
import { signIn } from '@confab/testing/sign-in';
import { serverForSuite } from '@confab/testing/suite';
import type { TestServer } from '@confab/testing/test-server';
import type { SignedInUser } from '@confab/testing/sign-in';

/** A raw TCP connection to the server, collecting what it answers until it closes. */
function rawConnection(server: TestServer): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(server.port, '127.0.0.1', () => resolve({ socket, received: () => text, closed }));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.once('error', reject);
  });
}

/** Issue 13 item 2: every resource a client can hold has a documented cap and a clear refusal. */
describe('caps on what one client may hold', () => {
  let server: TestServer, ana: SignedInUser;
  serverForSuite(
    async (s) => {
      server = s;
      ana = await signIn(s);
      return ana;
    },
    {
      env: {
        HTTP_HEADERS_TIMEOUT_MS: '1000',
        HTTP_IDLE_TIMEOUT_MS: '4000',
        WS_MAX_SUBSCRIPTIONS: '2',
        RATE_SENDS_PER_MINUTE: '3',
        RATE_TYPING_PER_MINUTE: '2',
        RATE_UPLOADS_PER_MINUTE: '2',
      },
    },
  );

  it('answers 408 and closes a connection whose headers trickle in', async () => {
    const conn = await rawConnection(server);
    conn.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    await conn.closed;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('drops an upload whose body stops arriving', async () => {
    const conn = await rawConnection(server);
    conn.socket.write(
      `POST /media?kind=document HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ana.tokens.accessToken}\r\nContent-Type: application/pdf\r\nContent-Length: 100000\r\n\r\n%PDF-1.4 `,
    );
    await conn.closed;
    // Nothing was stored for the half upload.
    expect(await ana.trpc.me.get.query()).toBeDefined();
  });

  it(`refuses a third subscription on one socket, and takes one again after another ended`, async () => {
    const wsClient = createWSClient({
      url: `${server.url.replace(/^http/, 'ws')}/trpc`,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      connectionParams: () => ({ token: ana.tokens.accessToken }),
    });
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
    const open = (onStarted: () => void, onError: (code: string) => void) =>
      client.sync.events.subscribe({}, { onStarted, onError: (e) => onError(String((e.data as { code?: string } | undefined)?.code)) });
    try {
      const started: number[] = [];
      const errors: string[] = [];
      const first = open(() => started.push(1), (c) => errors.push(c));
      open(() => started.push(2), (c) => errors.push(c));
      await expect.poll(() => started.length).toBe(2);
      open(() => started.push(3), (c) => errors.push(c));
      await expect.poll(() => errors).toEqual(['TOO_MANY_REQUESTS']);

      first.unsubscribe();
      await new Promise((r) => setTimeout(r, 200));
      open(() => started.push(4), (c) => errors.push(c));
      await expect.poll(() => started).toContain(4);
    } finally {
      await wsClient.close();
    }
  });

  it('limits sends per user per minute with a retry time; a retry of a stored send is never refused', async () => {
    const ben = await signIn(server);
    try {
      const { id: chatId } = await ben.trpc.chats.openDirect.mutate({ userId: ana.user.id });
      for (let i = 1; i <= 3; i++) await ben.trpc.messages.send.mutate({ chatId, clientId: `c${i}`, text: `hello ${i}` });
      await expect(ben.trpc.messages.send.mutate({ chatId, clientId: 'c1', text: 'hello 1' })).resolves.toMatchObject({ text: 'hello 1' });
      const refused = await rejectionOf(ben.trpc.messages.send.mutate({ chatId, clientId: 'c4', text: 'too fast' }));
      expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('too fast') });
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);

      server.clock.advance(61_000);
      await expect(ben.trpc.messages.send.mutate({ chatId, clientId: 'c4', text: 'later' })).resolves.toMatchObject({ text: 'later' });

      // Typing fans out to the chat: capped too.
      await ben.trpc.chats.typing.mutate({ chatId });
      await ben.trpc.chats.typing.mutate({ chatId });
      expect((await rejectionOf(ben.trpc.chats.typing.mutate({ chatId }))).code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await ben.close();
    }
  });

  it('limits uploads per user per minute: 429 with Retry-After', async () => {
    const cleo = await signIn(server);
    await cleo.close();
    const pdf = new TextEncoder().encode('%PDF-1.4\n% a small document\n');
    const kind = { kind: 'document', contentType: 'application/pdf' };
    expect((await upload(server.url, cleo.tokens.accessToken, pdf, kind)).status).toBe(201);
    expect((await upload(server.url, cleo.tokens.accessToken, pdf, kind)).status).toBe(201);
    const refused = await upload(server.url, cleo.tokens.accessToken, pdf, kind);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('connections per address', () => {
  let server: TestServer;
  serverForSuite(async (s) => void (server = s), { env: { MAX_CONNECTIONS_PER_ADDRESS: '3' } });

  it('answers the connection past the cap 429 and closes it; a freed place is taken again', async () => {
    const held = await Promise.all([rawConnection(server), rawConnection(server), rawConnection(server)]);
    const extra = await rawConnection(server);
    await extra.closed;
    expect(extra.received()).toMatch(/^HTTP\/1\.1 429[\s\S]*Too many connections from your address/);

    held[0]!.socket.destroy();
    await held[0]!.closed;
    await new Promise((r) => setTimeout(r, 100));
    const again = await rawConnection(server);
    again.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await again.closed;
    expect(again.received()).toMatch(/^HTTP\/1\.1 200/);
    for (const conn of held) conn.socket.destroy();
  });
});
