import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppRouter } from '@confab/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';

/**
 * Admission control through the public API: a tiny cap (4 calls at once), and bursts of real
 * sends fired together. A burst of N sends from one client arrives at the server at once (one
 * WebSocket frame, or one HTTP batch), so the cap is reached before any send finishes.
 */

let server: TestServer | undefined;
let people: SignedInUser[] = [];
afterEach(async () => {
  await Promise.all(people.map((p) => p.close()));
  people = [];
  await server?.stop();
  server = undefined;
});

async function setUp(env: Record<string, string>, overWebSocket: boolean) {
  server = await startTestServer({ env });
  const options = { everythingOverWebSocket: overWebSocket };
  // Signing in and opening the chat run one call at a time, well inside any cap.
  const ana = await signIn(server, undefined, 'ana laptop', options);
  const ben = await signIn(server, undefined, 'ben laptop', options);
  people.push(ana, ben);
  const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
  return { server, ana, ben, chatId };
}

type Outcome = { clientId: string; stored: boolean; code?: string; message?: string; retryAfterSeconds?: unknown };

/** Fires the sends together; each either resolves (stored) or fails with the server's answer. */
function sendBurst(person: SignedInUser, chatId: string, prefix: string, count: number): Promise<Outcome[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i): Promise<Outcome> => {
      const clientId = `${prefix}-${i}`;
      try {
        await person.trpc.messages.send.mutate({ chatId, clientId, text: `message ${clientId}` });
        return { clientId, stored: true };
      } catch (error) {
        if (!(error instanceof TRPCClientError)) throw error;
        const data = error.data as { code?: string; retryAfterSeconds?: unknown } | undefined;
        return { clientId, stored: false, code: data?.code, message: error.message, retryAfterSeconds: data?.retryAfterSeconds };
      }
    }),
  );
}

async function storedClientIds(person: SignedInUser, chatId: string): Promise<string[]> {
  const page = await person.trpc.messages.history.query({ chatId, limit: 200 });
  return page.messages.map((m) => m.clientId);
}

const metricValue = async (url: string, name: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const lines = text.split('\n').filter((line) => line.startsWith(name));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
};

describe.each([
  ['WebSocket', true],
  ['HTTP', false],
])('admission control over %s', (_transport, overWebSocket) => {
  it('refuses what is past the cap with TOO_MANY_REQUESTS and a retry hint; every send is stored once or refused whole; the server recovers', async () => {
    const { server, ana, ben, chatId } = await setUp({ MAX_IN_FLIGHT: '4', MAX_IN_FLIGHT_PER_CLIENT: '4', ADMISSION_QUEUE_MS: '0' }, overWebSocket);

    const burst = sendBurst(ana, chatId, 'burst', 30);
    // Health and metrics are never refused, even while the process is full.
    const [health, metrics] = await Promise.all([fetch(`${server.url}/healthz`), fetch(`${server.url}/metrics`)]);
    expect(health.status).toBe(200);
    expect(metrics.status).toBe(200);
    const outcomes = await burst;

    const stored = outcomes.filter((o) => o.stored).map((o) => o.clientId);
    const refused = outcomes.filter((o) => !o.stored);
    expect(stored.length).toBeGreaterThanOrEqual(4);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'The server is busy; try again in a moment' });
      expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(3);
    }
    // Nothing half-done: exactly the acknowledged sends are in the chat, once each.
    expect((await storedClientIds(ben, chatId)).sort()).toEqual([...stored].sort());
    expect(await metricValue(server.url, 'confab_trpc_refused_total{reason="server_busy"}')).toBe(refused.length);

    // Recovered: the refused sends go through when retried (same clientId), four at a time.
    for (let i = 0; i < refused.length; i += 4) {
      await Promise.all(refused.slice(i, i + 4).map((r) => ana.trpc.messages.send.mutate({ chatId, clientId: r.clientId, text: `message ${r.clientId}` })));
    }
    const all = await storedClientIds(ben, chatId);
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
    expect(await metricValue(server.url, 'confab_trpc_in_flight')).toBe(0);
  });

  it('a short wait absorbs a burst a little over the cap instead of refusing it', async () => {
    const { ana, chatId } = await setUp({ MAX_IN_FLIGHT: '4', MAX_IN_FLIGHT_PER_CLIENT: '4', ADMISSION_QUEUE_MS: '10000' }, overWebSocket);
    const outcomes = await sendBurst(ana, chatId, 'queued', 8); // 4 run, 4 wait for them
    expect(outcomes.filter((o) => !o.stored)).toEqual([]);
    expect(await storedClientIds(ana, chatId)).toHaveLength(8);
  });
});

/**
 * A web page that answers only when told to. A link message waits for its preview before it is
 * stored, so sends of links to this page stay in flight — holding their admission slots — for
 * as long as the test wants.
 */
async function slowPage() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requests = 0;
  const page = createServer((_req, res) => {
    requests += 1;
    void released.then(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>slow</title>'));
  });
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(page.address() as AddressInfo).port}/page`,
    requests: () => requests,
    release,
    close: () => new Promise<void>((resolve) => page.close(() => resolve())),
  };
}

describe('admission control per client', () => {
  const perClient = { MAX_IN_FLIGHT: '4', MAX_IN_FLIGHT_PER_CLIENT: '2', ADMISSION_QUEUE_MS: '0', LINK_PREVIEW_ALLOW_PRIVATE: '1' };

  /** `flooder` keeps its sends in flight on the slow page; `other` must still get through. */
  async function floodWhileAnotherSends(flooder: SignedInUser, other: SignedInUser, chatId: string) {
    const page = await slowPage();
    try {
      const flood = Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          flooder.trpc.messages.send.mutate({ chatId, clientId: `flood-${i}`, kind: 'link', text: `look ${page.url}` }).then(
            () => 'stored',
            (error: unknown) => (error instanceof TRPCClientError ? `${(error.data as { code?: string }).code}: ${error.message}` : String(error)),
          ),
        ),
      );
      // Two of the flood are in flight (fetching the page); the rest were refused at once.
      await expect.poll(page.requests).toBe(2);
      const calm = await sendBurst(other, chatId, 'calm', 2);
      expect(calm.filter((o) => !o.stored)).toEqual([]);
      page.release();
      const outcomes = await flood;
      expect(outcomes.filter((o) => o === 'stored')).toHaveLength(2);
      expect(outcomes.filter((o) => o !== 'stored')).toEqual(Array(4).fill('TOO_MANY_REQUESTS: Too many requests at once from this connection; try again in a moment'));
      expect(page.requests()).toBe(2);
    } finally {
      page.release();
      await page.close();
    }
  }

  it('one WebSocket keeping its calls busy cannot starve another socket', async () => {
    const { ana, ben, chatId } = await setUp(perClient, true);
    await floodWhileAnotherSends(ana, ben, chatId);
    expect(await storedClientIds(ben, chatId)).toHaveLength(4);
  });

  it('over HTTP the client is its address (behind a trusted proxy, the forwarded one): one address cannot starve another', async () => {
    const { server, ana, chatId } = await setUp({ ...perClient, TRUSTED_PROXIES: '127.0.0.1,::1' }, false);
    const from = (address: string) =>
      ({
        trpc: createTRPCClient<AppRouter>({
          links: [httpBatchLink({ url: `${server.url}/trpc`, headers: () => ({ authorization: `Bearer ${ana.tokens.accessToken}`, 'x-forwarded-for': address }) })],
        }),
      }) as unknown as SignedInUser;
    await floodWhileAnotherSends(from('203.0.113.1'), from('203.0.113.2'), chatId);
    expect(await storedClientIds(ana, chatId)).toHaveLength(4);

    // A plain HTTP client sees the wait as Retry-After too (8 of this batch of 10 are past the cap of 2).
    const batch = await fetch(`${server.url}/trpc/${Array(10).fill('messages.send').join(',')}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ana.tokens.accessToken}` },
      body: JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { chatId, clientId: `raw-${i}`, text: 'x' }]))),
    });
    expect(batch.status).toBe(207);
    expect(Number(batch.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('the wait before refusing', () => {
  it('is bounded: a call that finds no slot within ADMISSION_QUEUE_MS is refused, and the server is not stuck', async () => {
    const { ana, chatId } = await setUp({ MAX_IN_FLIGHT: '1', MAX_IN_FLIGHT_PER_CLIENT: '1', ADMISSION_QUEUE_MS: '300', LINK_PREVIEW_ALLOW_PRIVATE: '1' }, true);
    const page = await slowPage();
    try {
      const holding = ana.trpc.messages.send.mutate({ chatId, clientId: 'holding', kind: 'link', text: `look ${page.url}` });
      await expect.poll(page.requests).toBe(1);
      const started = Date.now();
      const [waited] = await sendBurst(ana, chatId, 'waited', 1);
      expect(waited).toMatchObject({ stored: false, code: 'TOO_MANY_REQUESTS' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      page.release();
      await holding;
      expect(await sendBurst(ana, chatId, 'after', 1)).toMatchObject([{ stored: true }]);
      expect((await storedClientIds(ana, chatId)).sort()).toEqual(['after-0', 'holding']);
    } finally {
      page.release();
      await page.close();
    }
  });

  it('a socket that closes while its calls wait gives their places up at once, and is not logged as a failure', async () => {
    const { server, ana, ben, chatId } = await setUp({ MAX_IN_FLIGHT: '1', ADMISSION_QUEUE_MS: '10000', LINK_PREVIEW_ALLOW_PRIVATE: '1' }, true);
    const page = await slowPage();
    try {
      const holding = ana.trpc.messages.send.mutate({ chatId, clientId: 'holding', kind: 'link', text: `look ${page.url}` });
      await expect.poll(page.requests).toBe(1);
      // Ben's app sends, then its socket drops (a raw socket: the tRPC client's close() waits for answers).
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/trpc?connectionParams=1`);
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ method: 'connectionParams', data: { token: ben.tokens.accessToken } }));
      socket.send(JSON.stringify({ id: 1, method: 'mutation', params: { path: 'messages.send', input: { chatId, clientId: 'gone', text: 'never mind' } } }));
      await expect.poll(() => metricValue(server.url, 'confab_trpc_waiting')).toBe(1);
      socket.terminate();
      await expect.poll(() => metricValue(server.url, 'confab_trpc_waiting'), { timeout: 3000 }).toBe(0);
      page.release();
      await holding;
      expect(await storedClientIds(ana, chatId)).toEqual(['holding']);
      expect(server.logLines.filter((line) => line.includes('procedure failed'))).toEqual([]);
    } finally {
      page.release();
      await page.close();
    }
  });
});

describe('what admission control does not count', () => {
  it('a live subscription does not hold a slot: with room for one call, a socket subscribed to its events still sends', async () => {
    const { ana, ben, chatId } = await setUp({ MAX_IN_FLIGHT: '1', MAX_IN_FLIGHT_PER_CLIENT: '1', ADMISSION_QUEUE_MS: '0' }, true);
    const bensEvents = collectEvents(ben);
    await bensEvents.started;
    for (const text of ['one', 'two', 'three']) await ana.trpc.messages.send.mutate({ chatId, clientId: text, text });
    await expect.poll(() => messagesOf(bensEvents).map((m) => m.clientId)).toEqual(['one', 'two', 'three']);
    bensEvents.stop();
  });
});
