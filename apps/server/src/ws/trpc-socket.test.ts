import type { AppRouter } from '@confab/api';
import { rejectionOf } from '@confab/api/auth/testing/auth-test-kit';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { serverForSuite } from '@confab/testing/suite';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { createTRPCClient, createWSClient, TRPCClientError, wsLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * The server's own WebSocket handler (trpc-socket.ts) against tRPC's client, unchanged, as the
 * desktop and web apps use it; and, where the client hides the wire, raw frames of the protocol.
 */

const wsUrl = (server: TestServer) => `${server.url.replace(/^http/, 'ws')}/trpc`;

/** One wsLink client (everything over the socket), recording close codes and the sockets it opened. */
function socketClient(server: TestServer, token: () => string | null) {
  const closeCodes: number[] = [];
  const sockets: WebSocket[] = [];
  const Recorded = class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      sockets.push(this);
    }
  };
  const wsClient = createWSClient({
    url: wsUrl(server),
    WebSocket: Recorded as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token: token() ?? '' }),
    retryDelayMs: () => 100,
    onClose: (cause) => void closeCodes.push(cause?.code ?? 0),
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return { trpc, closeCodes, sockets, close: () => wsClient.close() };
}

/** A bare socket speaking the protocol frame by frame. */
async function rawSocket(server: TestServer, token: string | null) {
  const socket = new WebSocket(`${wsUrl(server)}${token === null ? '' : '?connectionParams=1'}`);
  const frames: unknown[] = [];
  let closeCode: number | null = null;
  socket.on('message', (data) => frames.push(String(data) === 'PONG' ? 'PONG' : JSON.parse(String(data))));
  socket.once('close', (code) => (closeCode = code));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  if (token !== null) socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
  return {
    socket,
    frames,
    closeCode: () => closeCode,
    send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    /** Frames answering request `id`, in order. */
    answers: (id: number | string | null) => frames.filter((f): f is { id: unknown; result?: { type: string; id?: string; data?: unknown }; error?: { code: number; message: string; data: { code: string } } } => typeof f === 'object' && f !== null && (f as { id?: unknown }).id === id),
  };
}

describe('the WebSocket handler speaks tRPC v11', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser;
  serverForSuite(
    async (s) => {
      server = s;
      ana = await signIn(s);
      ben = await signIn(s);
      return [ana, ben];
    },
    { env: { WS_AUTH_TIMEOUT_MS: '1500', WS_MAX_SUBSCRIPTIONS: '2' } },
  );

  it('signs in with the token in connectionParams and answers queries and mutations as HTTP does', async () => {
    const client = socketClient(server, () => ana.tokens.accessToken);
    try {
      await expect(client.trpc.me.get.query()).resolves.toMatchObject({ id: ana.user.id });
      const chat = await client.trpc.chats.openDirect.mutate({ userId: ben.user.id });
      expect(chat).toEqual(await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id }));
      expect(client.closeCodes).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('answers refusals with the shapes HTTP gives: TRPCError codes, and zod errors as the error formatter shapes them', async () => {
    const client = socketClient(server, () => ana.tokens.accessToken);
    try {
      const wrongInput = { chatId: 42, clientId: '' } as never;
      const overSocket = await client.trpc.messages.send.mutate(wrongInput).catch((e: unknown) => e);
      const overHttp = await ana.trpc.messages.send.mutate(wrongInput).catch((e: unknown) => e);
      expect(overSocket).toBeInstanceOf(TRPCClientError);
      expect((overSocket as TRPCClientError<AppRouter>).data).toMatchObject({ code: 'BAD_REQUEST', issues: expect.arrayContaining([expect.objectContaining({ path: 'chatId' })]) });
      expect((overSocket as TRPCClientError<AppRouter>).shape).toEqual((overHttp as TRPCClientError<AppRouter>).shape);

      const notAMember = await rejectionOf(client.trpc.messages.history.query({ chatId: '00000000-0000-4000-8000-000000000000' } as never));
      const notAMemberHttp = await rejectionOf(ana.trpc.messages.history.query({ chatId: '00000000-0000-4000-8000-000000000000' } as never));
      expect(notAMember).toEqual(notAMemberHttp);
    } finally {
      await client.close();
    }
    const anonymous = socketClient(server, () => null);
    try {
      expect((await rejectionOf(anonymous.trpc.me.get.query())).code).toBe('UNAUTHORIZED');
    } finally {
      await anonymous.close();
    }
  });

  it('frames: unknown procedures, missing ids, duplicate subscription ids, malformed JSON and PING', async () => {
    const raw = await rawSocket(server, ana.tokens.accessToken);
    try {
      raw.send({ id: 1, method: 'query', params: { path: 'no.such.thing', input: {} } });
      raw.send({ id: null, method: 'query', params: { path: 'me.get' } });
      raw.send({ id: 2, method: 'subscription', params: { path: 'sync.events', input: {} } });
      raw.send({ id: 2, method: 'subscription', params: { path: 'sync.events', input: {} } });
      raw.send('{not json');
      raw.send('PING');
      await expect.poll(() => raw.answers(1)).toHaveLength(1);
      expect(raw.answers(1)[0]!.error).toMatchObject({ code: -32004, data: { code: 'NOT_FOUND' } });
      await expect.poll(() => raw.answers(null).map((f) => f.error?.data.code)).toEqual(['PARSE_ERROR', 'PARSE_ERROR']);
      await expect.poll(() => raw.answers(2).map((f) => f.result?.type ?? f.error?.data.code)).toEqual(expect.arrayContaining(['started', 'BAD_REQUEST']));
      expect(raw.frames).toContain('PONG');

      raw.send({ id: 2, method: 'subscription.stop' });
      await expect.poll(() => raw.answers(2).at(-1)?.result?.type).toBe('stopped');
      // The id is free again: a new subscription may take it.
      raw.send({ id: 2, method: 'subscription', params: { path: 'sync.events', input: {} } });
      await expect.poll(() => raw.answers(2).filter((f) => f.result?.type === 'started')).toHaveLength(2);
      expect(raw.closeCode()).toBeNull();
    } finally {
      raw.socket.close();
    }
  });

  it('streams tracked events, and a client that reconnects resumes after the last id it got, losing and repeating nothing', async () => {
    const { id: chatId } = await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    const head = await ben.trpc.sync.changes.query({ since: '999999999999999', limit: 1 });
    const client = socketClient(server, () => ben.tokens.accessToken);
    const received: { id: string; text?: string }[] = [];
    let starts = 0;
    const sub = client.trpc.sync.events.subscribe(
      { lastEventId: head.nextSince },
      {
        onStarted: () => void (starts += 1),
        onData: (data) => {
          const { id, data: event } = data as { id: string; data: { type: string; message?: { text?: string } } };
          if (event.type === 'message.new') received.push({ id, text: event.message?.text });
        },
      },
    );
    const texts = () => received.map((r) => r.text);
    try {
      await expect.poll(() => starts).toBe(1);
      await ana.trpc.messages.send.mutate({ chatId, clientId: 'resume-1', text: 'one' });
      await expect.poll(texts).toEqual(['one']);

      // The connection drops; meanwhile another message is stored.
      client.sockets.at(-1)!.terminate();
      await expect.poll(() => client.closeCodes.length).toBe(1);
      await ana.trpc.messages.send.mutate({ chatId, clientId: 'resume-2', text: 'two' });
      await expect.poll(() => starts).toBe(2);
      await ana.trpc.messages.send.mutate({ chatId, clientId: 'resume-3', text: 'three' });
      await expect.poll(texts).toEqual(['one', 'two', 'three']);
      const ids = received.map((r) => Number(r.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      sub.unsubscribe();
      await client.close();
    }
  });

  it('refuses a subscription past WS_MAX_SUBSCRIPTIONS, and a stopped one gives its place back', async () => {
    const client = socketClient(server, () => ana.tokens.accessToken);
    const started: number[] = [];
    const errors: string[] = [];
    const open = (n: number) =>
      client.trpc.sync.events.subscribe({}, { onStarted: () => void started.push(n), onError: (e) => void errors.push(String((e.data as { code?: string } | undefined)?.code)) });
    try {
      const first = open(1);
      open(2);
      await expect.poll(() => started.length).toBe(2);
      open(3);
      await expect.poll(() => errors).toEqual(['TOO_MANY_REQUESTS']);
      first.unsubscribe();
      // The client sends subscription.stop; the place is free once the server has stopped it.
      await expect.poll(async () => {
        const again = open(4);
        await new Promise((r) => setTimeout(r, 50));
        if (!started.includes(4)) again.unsubscribe();
        return started.includes(4);
      }).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('closes an anonymous socket that does not sign in in time (4003); an invalid token is refused at once', async () => {
    const anonymous = await rawSocket(server, null);
    await expect.poll(() => anonymous.closeCode(), { timeout: 30_000 }).toBe(4003);

    const invalid = await rawSocket(server, 'not-a-token');
    await expect.poll(() => invalid.closeCode()).not.toBeNull();
    expect(invalid.answers(null)[0]?.error?.data.code).toBe('UNAUTHORIZED');
  });

  it('a call waiting for the connectionParams sign-in is answered as the signed-in user', async () => {
    const raw = await rawSocket(server, ana.tokens.accessToken);
    try {
      // Sent right behind connectionParams, before the sign-in's database reads are done.
      raw.send({ id: 9, method: 'query', params: { path: 'me.get' } });
      await expect.poll(() => raw.answers(9)).toHaveLength(1);
      expect(raw.answers(9)[0]!.result).toMatchObject({ type: 'data', data: { id: ana.user.id } });
    } finally {
      raw.socket.close();
    }
  });

  it('closes the sockets of a session that ends (4001), once per session however many sockets it has', async () => {
    const cleo = await signIn(server);
    const [one, two] = [socketClient(server, () => cleo.tokens.accessToken), socketClient(server, () => cleo.tokens.accessToken)];
    try {
      await Promise.all([one.trpc.me.get.query(), two.trpc.me.get.query()]);
      await cleo.trpc.auth.logout.mutate();
      await expect.poll(() => [one.closeCodes[0], two.closeCodes[0]]).toEqual([4001, 4001]);
    } finally {
      await Promise.all([one.close(), two.close(), cleo.close()]);
    }
  });
});

describe('shutdown over the WebSocket', () => {
  it("tells every socket to reconnect, then closes it with 1012", async () => {
    const server = await startTestServer();
    let stopped = false;
    try {
      const ana = await signIn(server);
      await ana.close();
      const raw = await rawSocket(server, ana.tokens.accessToken);
      raw.send({ id: 1, method: 'query', params: { path: 'me.get' } });
      await expect.poll(() => raw.answers(1)).toHaveLength(1);
      stopped = true;
      await server.stop();
      expect(raw.frames).toContainEqual({ id: null, method: 'reconnect' });
      await expect.poll(() => raw.closeCode()).toBe(1012);
    } finally {
      if (!stopped) await server.stop();
    }
  });
});
