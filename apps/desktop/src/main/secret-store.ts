import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../core/index.js';

/** The part of Electron's safeStorage used here. */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

interface SecretsFile {
  version: 1;
  /** key → base64 of safeStorage.encryptString(value) */
  values: Record<string, string>;
}

/**
 * The session's tokens (the refresh token above all), encrypted with Electron's safeStorage
 * (macOS Keychain, Windows DPAPI, libsecret/kwallet on Linux) in one file under userData.
 * Where the OS offers no real encryption, nothing is written: the tokens live in memory and
 * the user signs in again after a restart, rather than leaving a token readable on disk.
 * Logout deletes the values and the file (the core clears its cache at the same time).
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly memory = new Map<string, string>();

  constructor(
    private readonly encryptor: Encryptor,
    private readonly filePath: string,
  ) {}

  /** Whether tokens survive a restart on this machine. */
  get persistent(): boolean {
    if (!this.encryptor.isEncryptionAvailable()) return false;
    return this.encryptor.getSelectedStorageBackend?.() !== 'basic_text';
  }

  async get(key: string): Promise<string | null> {
    if (this.memory.has(key)) return this.memory.get(key)!;
    if (!this.persistent) return null;
    const stored = this.read().values[key];
    if (stored === undefined) return null;
    try {
      const value = this.encryptor.decryptString(Buffer.from(stored, 'base64'));
      this.memory.set(key, value);
      return value;
    } catch {
      // Encrypted under another OS key (profile moved, keychain reset): unusable, so forget it.
      this.remove(key);
      return null;
    }
  }

  async set(key: string, value: string): Promise<void> {
    this.memory.set(key, value);
    if (!this.persistent) return;
    const file = this.read();
    file.values[key] = this.encryptor.encryptString(value).toString('base64');
    this.write(file);
  }

  async delete(key: string): Promise<void> {
    this.memory.delete(key);
    this.remove(key);
  }

  private remove(key: string): void {
    const file = this.read();
    if (!(key in file.values)) return;
    delete file.values[key];
    if (Object.keys(file.values).length === 0) rmSync(this.filePath, { force: true });
    else this.write(file);
  }

  private read(): SecretsFile {
    try {
      const parsed = JSON.parse(readFileSync(this.filePath, 'utf8')) as Partial<SecretsFile>;
      if (parsed.version === 1 && parsed.values && typeof parsed.values === 'object') return { version: 1, values: { ...parsed.values } };
    } catch {
      // Missing or unreadable: no stored secrets.
    }
    return { version: 1, values: {} };
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a file; owner-only. */
  private write(file: SecretsFile): void {
    mkdirSync(path.dirname(this.filePath), { recursive: true });
    const temporary = `${this.filePath}.tmp`;
    writeFileSync(temporary, JSON.stringify(file), { mode: 0o600 });
    renameSync(temporary, this.filePath);
  }
}
