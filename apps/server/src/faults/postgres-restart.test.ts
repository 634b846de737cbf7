import { TRPCClientError } from '@trpc/client';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import { collectEvents, messagesOf, type CollectedEvent } from '@confab/testing/event-collector';
import { hasPostgresBinaries, startPrivatePostgres } from '@confab/testing/private-postgres';
import { SendLoad } from '@confab/testing/send-load';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550151';
const BEN = '+12015550152';
// The test brings its own PostgreSQL, so it runs once (not again in the postgres project).
const runs = process.env.CONFAB_TEST_DB !== 'postgres' && hasPostgresBinaries() ? it : it.skip;

const codeOf = (error: unknown) => (error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined);

describe('PostgreSQL restarted mid-load', () => {
  const children = new ChildServers();
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    await children.dispose();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  runs('stays up, answers "unavailable" meanwhile, recovers by itself, loses no acknowledged message; clients resume gap-free', async () => {
    const postgres = await startPrivatePostgres();
    cleanups.push(() => postgres.dispose());
    const env = await children.environment('pg-fault', [ANA, BEN], { DATABASE_URL: postgres.url });
    const server = await children.spawn(env);
    onTestFailed(() => console.log(server.output.join('').slice(-4000)));
    const [ana, ben] = await Promise.all([signInTestNumber(server.url, ANA), signInTestNumber(server.url, BEN)]);
    const person = (who: typeof ana, phone: string, everythingOverWebSocket = false) => {
      const client = createTestClient(server.url, () => who.accessToken, { everythingOverWebSocket });
      cleanups.push(() => client.close());
      return { ...client, user: who.user, phone, tokens: who };
    };
    const anaOverHttp = person(ana, ANA);
    const anaOverSocket = person(ana, ANA, true);
    const benClient = person(ben, BEN);
    const { id: chatId } = await anaOverHttp.trpc.chats.openDirect.mutate({ userId: ben.user.id });

    const first = collectEvents(benClient, '0');
    await first.started;
    const load = new SendLoad([
      { trpc: anaOverHttp.trpc, chatId, prefix: 'over-http' },
      { trpc: anaOverSocket.trpc, chatId, prefix: 'over-socket' },
    ]);
    load.start();
    await expect.poll(() => load.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(40);

    await postgres.stop();
    // Meanwhile every call is refused as "unavailable" — over HTTP and over the socket — and
    // answered, not left hanging.
    for (const trpc of [anaOverHttp.trpc, anaOverSocket.trpc]) {
      const refused = await trpc.chats.list.query({}).then(
        () => null,
        (error: unknown) => error,
      );
      expect(codeOf(refused)).toBe('SERVICE_UNAVAILABLE');
      expect((refused as TRPCClientError<never>).message).toMatch(/unavailable/i);
    }
    await expect.poll(() => load.failures.length).toBeGreaterThanOrEqual(10);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);

    await postgres.start();
    const afterRestart = load.count();
    await expect.poll(() => load.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(afterRestart + 40);
    await load.stop();
    // Whatever failed, failed as "unavailable": no internal error, no dropped connection.
    expect([...new Set(load.failures.map(codeOf))]).toEqual(['SERVICE_UNAVAILABLE']);
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // Ben's device resumes from the last event it processed (its stream may have ended while
    // the database was away): together the two streams hold each event once, with no gap.
    first.stop();
    const resumed = collectEvents(benClient, first.lastId() ?? '0');
    const acknowledged = [...load.acknowledged.values()].flat();
    const received = () => [...first.events, ...resumed.events].filter((e): e is CollectedEvent & { id: string } => e.id !== null);
    await expect
      .poll(() => {
        const delivered = new Set(messagesOf(first).concat(messagesOf(resumed)).map((m) => m.clientId));
        return acknowledged.filter((id) => !delivered.has(id));
      })
      .toEqual([]);
    const ids = received().map((e) => Number(e.id));
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    const seqs = messagesOf(first).concat(messagesOf(resumed)).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    resumed.stop();

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);
});
