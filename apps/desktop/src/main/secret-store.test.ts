import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { createDesktopCore } from '../core/index.js';
import { SecretKeys } from '../core/session/auth-session.js';
import { signInCore, waitUntil } from '../core/testing/harness.js';
import { SafeStorageSecretStore, type Encryptor } from './secret-store.js';

/** safeStorage's contract with a real cipher: an OS-held key the file never contains. */
function osKeychain(options: { available?: boolean; backend?: string } = {}): Encryptor {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('SafeStorageSecretStore', () => {
  let dir: string;
  let n = 0;
  /** Each test has its own secrets file. */
  let file = () => '';

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'confab-secrets-'));
  });
  beforeEach(() => {
    const name = path.join(dir, `secrets-${++n}.json`);
    file = () => name;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the token encrypted on disk, readable after a restart, owner-only', async () => {
    const keychain = osKeychain();
    await new SafeStorageSecretStore(keychain, file()).set(SecretKeys.refreshToken, 'refresh-abc123');
    expect(readFileSync(file(), 'utf8')).not.toContain('refresh-abc123');
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o077).toBe(0);
    await expect(new SafeStorageSecretStore(keychain, file()).get(SecretKeys.refreshToken)).resolves.toBe('refresh-abc123');
  });

  it('deletes the file when the last secret goes', async () => {
    const store = new SafeStorageSecretStore(osKeychain(), file());
    await store.set('a', '1');
    await store.set('b', '2');
    await store.delete('a');
    expect(existsSync(file())).toBe(true);
    await store.delete('b');
    expect(existsSync(file())).toBe(false);
    await expect(store.get('b')).resolves.toBeNull();
  });

  it('writes nothing where the OS offers no real encryption', async () => {
    for (const keychain of [osKeychain({ available: false }), osKeychain({ backend: 'basic_text' })]) {
      const store = new SafeStorageSecretStore(keychain, file());
      expect(store.persistent).toBe(false);
      await store.set(SecretKeys.refreshToken, 'refresh-xyz');
      expect(existsSync(file())).toBe(false);
      await expect(store.get(SecretKeys.refreshToken)).resolves.toBe('refresh-xyz');
      await expect(new SafeStorageSecretStore(keychain, file()).get(SecretKeys.refreshToken)).resolves.toBeNull();
    }
  });

  it('forgets a value encrypted under another key instead of failing', async () => {
    await new SafeStorageSecretStore(osKeychain(), file()).set('k', 'v');
    await expect(new SafeStorageSecretStore(osKeychain(), file()).get('k')).resolves.toBeNull();
    expect(existsSync(file())).toBe(false);
    writeFileSync(file(), 'not json');
    await expect(new SafeStorageSecretStore(osKeychain(), file()).get('k')).resolves.toBeNull();
    rmSync(file());
  });
});

describe('sign-out in the desktop app', () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer();
    dir = mkdtempSync(path.join(tmpdir(), 'confab-signout-'));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the refresh token in the encrypted store, and clears it and the cache on logout', async () => {
    const keychain = osKeychain();
    const secretsFile = path.join(dir, 'secrets.json');
    const dataDir = path.join(dir, 'data');
    const core = createDesktopCore({ serverUrl: server.url, dataDir, secretStore: new SafeStorageSecretStore(keychain, secretsFile), WebSocket, retryDelayMs: () => 100 });
    const ana = await signInCore(core, server);
    const ben = await signIn(server);
    try {
      const chat = await ben.trpc.chats.openDirect.mutate({ userId: ana.user.id });
      await ben.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'c1', text: 'Private note for Ana' });
      await waitUntil(async () => (await core.search.search('private')).hits.length === 1, 'the message is cached');

      const stored = await new SafeStorageSecretStore(keychain, secretsFile).get(SecretKeys.refreshToken);
      expect(stored).toEqual(expect.any(String));
      expect(readFileSync(secretsFile, 'utf8')).not.toContain(stored!);

      await core.session.signOut();
      expect(existsSync(secretsFile)).toBe(false);
      expect(core.session.me()).toBeNull();
      expect(core.chats.list()).toEqual([]);
      expect(core.search.search('private')).toEqual({ hits: [], nextCursor: null });
      // The session is over on the server too: the old refresh token is refused.
      await expect(ben.trpc.auth.refresh.mutate({ refreshToken: stored! })).rejects.toThrow();
    } finally {
      await core.close();
      await ben.close();
    }
  });
});
