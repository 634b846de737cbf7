import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ChatsRepo } from './chats.repo.js';
import { EmoticonsRepo } from './emoticons.repo.js';
import { LiveSharesRepo } from './live-shares.repo.js';
import { MediaRepo } from './media.repo.js';
import { MembersRepo } from './members.repo.js';
import { MessagesRepo } from './messages.repo.js';
import { migrate } from './migrations.js';
import { NotificationsRepo } from './notifications.repo.js';
import { OutboxRepo } from './outbox.repo.js';
import { hitContexts } from './read-model.js';
import { SearchIndexer } from './search/indexer.js';
import { MessageSearch } from './search/search.js';
import { StateKeys, StateRepo } from './state.repo.js';
import { StoriesRepo } from './stories.repo.js';
import { UsersRepo } from './users.repo.js';

/** The local database: one file, WAL, every table behind a small repository. */
export class Cache {
  readonly state: StateRepo;
  readonly users: UsersRepo;
  readonly chats: ChatsRepo;
  readonly members: MembersRepo;
  readonly messages: MessagesRepo;
  readonly media: MediaRepo;
  readonly outbox: OutboxRepo;
  readonly search: MessageSearch;
  readonly stories: StoriesRepo;
  readonly notifications: NotificationsRepo;
  readonly emoticons: EmoticonsRepo;
  readonly liveShares: LiveSharesRepo;

  constructor(readonly db: Database.Database) {
    this.state = new StateRepo(db);
    this.users = new UsersRepo(db);
    this.chats = new ChatsRepo(db);
    this.members = new MembersRepo(db);
    this.messages = new MessagesRepo(db, new SearchIndexer(db));
    this.media = new MediaRepo(db);
    this.outbox = new OutboxRepo(db);
    this.search = new MessageSearch(db, (tks) => hitContexts(this, tks, this.me()));
    this.stories = new StoriesRepo(db);
    this.notifications = new NotificationsRepo(db, this.state);
    this.emoticons = new EmoticonsRepo(db);
    this.liveShares = new LiveSharesRepo(db);
  }

  /** The signed-in user's id, or null. */
  me(): string | null {
    return this.state.getJson<{ id: string }>(StateKeys.sessionUser)?.id ?? null;
  }

  /** Runs `work` in one transaction (nested calls become savepoints). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens (creating or migrating) the cache file. WAL lets the UI read while sync writes;
 * synchronous=FULL makes every commit durable, because the outbox must survive power loss,
 * and commits are few (a catch-up page is one transaction).
 */
export function openCache(file: string): Cache {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  migrate(db);
  return new Cache(db);
}

/** Removes the cache and its WAL files (sign-out). */
export function deleteCacheFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
