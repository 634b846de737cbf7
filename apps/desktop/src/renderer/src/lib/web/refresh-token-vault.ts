/** The refresh token of the browser's sign-in, with the session it belongs to. */
export interface RefreshRecord {
  sessionId: string;
  refreshToken: string;
}

const DATABASE = 'confab';
const STORE = 'auth';
const KEY = 'refresh';

/**
 * Where the web client's refresh token lives: IndexedDB, which every tab reads and writes
 * through the browser's one copy. (localStorage would not do: a tab's view of it is a cache that
 * hears another tab's write a moment later, so a tab could read the refresh token the tab before
 * it just spent.) Where IndexedDB cannot be opened the token lives in this tab's memory.
 */
export class RefreshTokenVault {
  private database: Promise<IDBDatabase | null> | null = null;
  private inMemory: RefreshRecord | null = null;

  constructor(private readonly name: string = DATABASE) {}

  async read(): Promise<RefreshRecord | null> {
    const db = await this.open();
    if (!db) return this.inMemory;
    const found = await request<unknown>(db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY));
    return isRecord(found) ? found : null;
  }

  /** Stores the record (or, with null, removes it); resolves once it is committed. */
  async write(record: RefreshRecord | null): Promise<void> {
    const db = await this.open();
    if (!db) {
      this.inMemory = record;
      return;
    }
    const transaction = db.transaction(STORE, 'readwrite');
    const store = transaction.objectStore(STORE);
    if (record) store.put(record, KEY);
    else store.delete(KEY);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
    });
  }

  private open(): Promise<IDBDatabase | null> {
    this.database ??= new Promise<IDBDatabase | null>((resolve) => {
      try {
        const opening = indexedDB.open(this.name, 1);
        opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
        opening.onsuccess = () => resolve(opening.result);
        // Blocked or refused (some private windows): this tab keeps the token itself.
        opening.onerror = () => resolve(null);
      } catch {
        resolve(null);
      }
    });
    return this.database;
  }
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });
}

function isRecord(value: unknown): value is RefreshRecord {
  const v = value as Partial<RefreshRecord> | null;
  return typeof v?.sessionId === 'string' && typeof v.refreshToken === 'string';
}
