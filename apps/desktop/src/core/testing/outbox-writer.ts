/**
 * A desktop core in a process of its own that writes messages as fast as it can, for the
 * crash test: the test kills it (SIGKILL) mid-stream and opens the same cache again.
 * Prints `queued N` once message N is in the outbox (committed to the cache file).
 *
 *   node --import tsx outbox-writer.ts   (env: SERVER_URL, DATA_DIR, SECRETS_FILE, CHAT_ID, PREFIX, COUNT)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { createDesktopCore } from '../index.js';
import type { SecretStore } from '../session/secret-store.js';

/** Tokens in a JSON file, written through at once, so a refresh survives the kill. */
class FileSecretStore implements SecretStore {
  private readonly values: Record<string, string>;
  constructor(private readonly file: string) {
    this.values = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  }
  async get(key: string) {
    return this.values[key] ?? null;
  }
  async set(key: string, value: string) {
    this.values[key] = value;
    writeFileSync(this.file, JSON.stringify(this.values));
  }
  async delete(key: string) {
    delete this.values[key];
    writeFileSync(this.file, JSON.stringify(this.values));
  }
}

const env = (name: string) => process.env[name] ?? (console.error(`${name} is not set`), process.exit(2));
const core = createDesktopCore({
  serverUrl: env('SERVER_URL'),
  dataDir: env('DATA_DIR'),
  secretStore: new FileSecretStore(env('SECRETS_FILE')),
  WebSocket,
  retryDelayMs: () => 100,
  deviceName: 'Confab Desktop (crash test)',
});
await core.start();
const chatId = env('CHAT_ID');
const count = Number(env('COUNT'));
for (let n = 1; n <= count; n++) {
  core.outbox.send(chatId, `${env('PREFIX')} ${n}`);
  process.stdout.write(`queued ${n}\n`);
  // Let the sender and the socket run between writes, as a person typing fast would (and
  // leave the test time to kill it mid-stream, however busy the machine).
  await new Promise((resolve) => setTimeout(resolve, 5));
}
process.stdout.write('all queued\n');
