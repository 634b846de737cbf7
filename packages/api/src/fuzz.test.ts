import sharp from 'sharp';
import { inputsFor, type JsonSchema } from '@confab/testing/malformed-input';
import { upload } from '@confab/testing/media/upload';
import { serverForSuite } from '@confab/testing/suite';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { createTRPCUntypedClient, createWSClient, httpLink, TRPCClientError, wsLink, type TRPCUntypedClient } from '@trpc/client';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import type { AppRouter } from './root.js';
import { appRouter } from './root.js';

/**
 * Every procedure gets INPUTS_PER_PROCEDURE inputs generated from its own zod schema (fast-check,
 * seeded: FUZZ_SEED reproduces a run), from a signed-in person who owns a chat, a message, a
 * group, a poll and an upload whose ids the plausible inputs use. Half go over HTTP, half over
 * the WebSocket. No answer may be INTERNAL_SERVER_ERROR (or any 5xx), none may hang, the
 * process must not crash, and the server must answer a bystander normally afterwards.
 */
const INPUTS_PER_PROCEDURE = 140;
const CALL_TIMEOUT_MS = 30_000;
const IN_FLIGHT = 8;
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** FUZZ_ONLY=<regex> fuzzes only the procedures whose path matches (to reproduce a failure). */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] };
}
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures)
  .map(([path, procedure]) => ({ path, type: procedure._def.type, schema: inputSchemaOf(procedure._def.inputs) }))
  .filter(({ path }) => !ONLY || ONLY.test(path))
  .sort((a, b) => a.path.localeCompare(b.path));

function inputSchemaOf(inputs: unknown[]): JsonSchema | null {
  if (inputs.length === 0) return null;
  return z.toJSONSchema(inputs[0] as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

type Client = TRPCUntypedClient<AppRouter>;
interface Fuzzer {
  person: SignedInUser;
  http: Client;
  ws: Client;
  ids: string[];
  close(): Promise<void>;
}

const outcomes = new Map<string, number>();
const failures: string[] = [];
let total = 0;

describe('fuzzing every procedure with malformed inputs from its own schema', () => {
  let server: TestServer, bystander: SignedInUser;
  serverForSuite(async (s) => {
    server = s;
    bystander = await signIn(server);
    return bystander;
  });

  afterAll(() => {
    const byCode = [...outcomes].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
    console.log(`fuzz: ${total} generated inputs to ${procedures.length} procedures (${INPUTS_PER_PROCEDURE} each, seed ${SEED}); answers: ${byCode}; failures: ${failures.length}`);
  });

  it('covers every procedure with at least 100 inputs, 10,000 in all', () => {
    expect(INPUTS_PER_PROCEDURE).toBeGreaterThanOrEqual(100);
    if (!ONLY) expect(procedures.length * INPUTS_PER_PROCEDURE).toBeGreaterThanOrEqual(10_000);
  });

  it.each(procedures)('$path ($type) answers every malformed input without a server error or a hang', async ({ path, type, schema }) => {
    const fuzzer = await fuzzerFor(server, bystander);
    try {
      const inputs = inputsFor(schema, fuzzer.ids, INPUTS_PER_PROCEDURE, SEED + hash(path));
      const problems: string[] = [];
      const dropped: string[] = [];
      await eachLimited(inputs, IN_FLIGHT, async (input, index) => {
        const overWebSocket = index % 2 === 1 || type === 'subscription' || (type === 'query' && JSON.stringify(input ?? null).length > 4000);
        const answer = await call(overWebSocket ? fuzzer.ws : fuzzer.http, type, path, input);
        total += 1;
        const kind = answer.startsWith('transport') ? 'socket closed' : answer;
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
        const line = `${path} ${overWebSocket ? 'ws' : 'http'} ${answer}: ${preview(input)}`;
        if (answer.startsWith('transport')) dropped.push(line);
        else if (answer === 'INTERNAL_SERVER_ERROR' || answer === 'hang' || answer.startsWith('HTTP 5')) problems.push(line);
      });
      // A call that signs her out (auth.logout, me.deleteAccount) closes her sockets, failing the
      // calls still on them; anywhere else a dropped connection is a fault.
      if (dropped.length > 0 && !(await sessionEnded(fuzzer.person))) problems.push(...dropped);
      failures.push(...problems);
      expect(problems).toEqual([]);
    } finally {
      await fuzzer.close();
    }
  }, 300_000);

  it('still answers normally afterwards, and logged no failed procedure', async () => {
    expect((await bystander.trpc.me.get.query()).id).toBe(bystander.user.id);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const internal = server.logLines.filter((line) => line.includes('"procedure failed"') || line.includes('"request failed"'));
    expect(internal).toEqual([]);
  });
});

/** A fresh person per procedure (some inputs sign her out or delete her), with things she owns. */
async function fuzzerFor(server: TestServer, other: SignedInUser): Promise<Fuzzer> {
  const person = await signIn(server);
  const png = new Uint8Array(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#884422' } }).png().toBuffer());
  const media = await upload(server.url, person.tokens.accessToken, png, { contentType: 'image/png', kind: 'image' });
  const chatId = (await person.trpc.chats.openDirect.mutate({ userId: other.user.id })).id;
  const message = await person.trpc.messages.send.mutate({ chatId, clientId: 'seed', text: 'seed message' });
  const group = await person.trpc.groups.create.mutate({ name: 'Fuzz group', memberIds: [other.user.id] });
  const poll = await person.trpc.polls.create.mutate({ chatId: group.chat.id, question: 'Fuzz?', options: ['Yes', 'No'], multipleAnswers: false });
  const token = () => person.tokens.accessToken;
  const http = createTRPCUntypedClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc`, headers: () => ({ authorization: `Bearer ${token()}` }) })] });
  const wsClient = createWSClient({
    url: `${server.url.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token: token() }),
    retryDelayMs: () => 200,
  });
  const ws = createTRPCUntypedClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return {
    person,
    http,
    ws,
    ids: [chatId, message.id, group.chat.id, poll.pollId, media.body.mediaId as string, other.user.id, person.user.id],
    close: async () => {
      await wsClient.close();
      await person.close();
    },
  };
}

async function sessionEnded(person: SignedInUser): Promise<boolean> {
  return person.trpc.me.get.query().then(
    () => false,
    (error: unknown) => error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === 'UNAUTHORIZED',
  );
}

/** One call; the answer's error code, 'ok', or 'hang'. */
async function call(client: Client, type: 'query' | 'mutation' | 'subscription', path: string, input: unknown): Promise<string> {
  const attempt =
    type === 'subscription'
      ? new Promise<string>((resolve) => {
          const sub = client.subscription(path, input, {
            onStarted: () => {
              sub.unsubscribe();
              resolve('ok');
            },
            onError: (error) => resolve(codeOf(error)),
          });
        })
      : (type === 'query' ? client.query(path, input) : client.mutation(path, input)).then(
          () => 'ok',
          (error: unknown) => codeOf(error),
        );
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('hang'), CALL_TIMEOUT_MS)));
  try {
    return await Promise.race([attempt, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function codeOf(error: unknown): string {
  if (!(error instanceof TRPCClientError)) return `transport ${String(error)}`;
  const data = error.data as { code?: string } | undefined;
  if (data?.code) return data.code;
  const status = (error.meta as { response?: { status?: number } } | undefined)?.response?.status;
  // The HTTP server itself refuses a request line or body past its limits before tRPC sees it.
  if (status === 413 || status === 414 || status === 431) return `HTTP ${status}`;
  if (status) return `HTTP ${status}`;
  return `transport ${error.message}`;
}

async function eachLimited<T>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await run(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}

const preview = (input: unknown) => {
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
};

describe('what the fuzzing found, pinned', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser;
  serverForSuite(async (s) => {
    server = s;
    [ana, ben] = await Promise.all([signIn(server), signIn(server)]);
    return [ana, ben];
  });

  it('refuses a 70,000-character "emoji" as a bad input (it used to exhaust the heap and kill the process)', async () => {
    const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const message = await ana.trpc.messages.send.mutate({ chatId, clientId: 'huge-emoji', text: 'react to me' });
    await expect(ben.trpc.messages.react.mutate({ messageId: message.id, emoji: 'x'.repeat(70_000) })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await ben.trpc.messages.react.mutate({ messageId: message.id, emoji: '👍' });
  });

  it('refuses an id with a NUL character as a bad input, not a server error', async () => {
    await expect(ana.trpc.chats.get.query({ chatId: '\u0000' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.users.get.query({ userId: 'a\u0000b' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });

  it('answers a profile update that changes nothing with the profile as it is', async () => {
    await ana.trpc.me.update.mutate({ name: 'Ana Fuzz' });
    expect((await ana.trpc.me.update.mutate({})).name).toBe('Ana Fuzz');
  });
});
