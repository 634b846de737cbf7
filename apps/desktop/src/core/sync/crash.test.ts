import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { MemorySecretStore } from '../session/secret-store.js';
import { disposeAll, makeCore, onlineCore, RestartableServer, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

const writer = fileURLToPath(new URL('../testing/outbox-writer.ts', import.meta.url));
const repoRoot = path.resolve(path.dirname(writer), '../../../../..');

/**
 * The desktop app is killed (SIGKILL: no shutdown, no flush) while it writes messages into its
 * outbox and sends them. Opened again on the same cache, it sends every message it had queued,
 * each once and in order, including those the server stored just before the kill.
 */
describe('desktop core killed while its outbox commits', () => {
  const host = new RestartableServer();
  let ana: TestCore, ben: SignedInUser, chatId: string;

  beforeAll(async () => {
    await host.start();
    const online = await onlineCore(host);
    ben = await signIn(host.server);
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: online.user.id })).id;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'hello', text: 'crash 0' });
    await waitUntil(async () => (await online.core.chats.list()).some((c) => c.id === chatId), 'the chat is cached');
    // The app quits; the crash-test process takes over its cache and its tokens.
    await online.core.close();
    ana = online;
  });

  afterAll(() => disposeAll(host, ana, ben));

  it('sends every queued message once, in order, after a restart', async () => {
    const secretsFile = path.join(ana.dataDir, 'secrets.json');
    writeFileSync(secretsFile, JSON.stringify(Object.fromEntries(ana.secrets.values)));
    const child = spawn(process.execPath, ['--import', 'tsx', writer], {
      cwd: repoRoot,
      env: { ...process.env, SERVER_URL: host.url, DATA_DIR: ana.dataDir, SECRETS_FILE: secretsFile, CHAT_ID: chatId, PREFIX: 'crash', COUNT: '150' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let queued = 0;
    let output = '';
    let killed!: () => void;
    const killedMidStream = new Promise<void>((resolve) => (killed = resolve));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      queued = Math.max(queued, ...[...output.matchAll(/queued (\d+)/g)].map((m) => Number(m[1])));
      // Killed at once from here, while it goes on writing and sending.
      if (queued >= 40 && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL');
        killed();
      }
    });
    const serverTexts = async () => (await ben.trpc.messages.history.query({ chatId, limit: 200 })).messages.map((m) => m.text ?? '');

    await killedMidStream;
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toContain('all queued');

    const secrets = new MemorySecretStore();
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>)) secrets.values.set(key, value);
    ana = makeCore(host.url, { dataDir: ana.dataDir, secrets });
    await ana.core.start();
    await waitForState(ana.core, 'online');
    await waitUntil(async () => (await ana.core.diagnostics()).outboxSize === 0, 'the outbox is empty');

    const texts = await serverTexts();
    const numbers = texts.map((t) => Number(t.replace('crash ', '')));
    // Ben's "crash 0", then everything it reported queued, plus at most the one it was writing when killed.
    expect(numbers.length - 1).toBeGreaterThanOrEqual(queued);
    expect(numbers.length - 1).toBeLessThanOrEqual(queued + 1);
    expect(numbers).toEqual(numbers.map((_, i) => i));
    const cached = (await ana.core.messages.read(chatId)).messages.filter((m) => m.text?.startsWith('crash'));
    // The cache's newest page is the server's, each message once, none left pending.
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.map((m) => m.text)).toEqual(texts.slice(-cached.length));
    expect(cached.every((m) => m.status !== 'pending' && m.status !== 'failed')).toBe(true);
  }, 120_000);
});
