import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SyncEvent } from '@confab/api';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageView, ME, tempCache, writeContext } from '../testing/fixtures.js';
import { applyEvent } from './apply-event.js';
import type { Cache } from './cache.js';
import { migrate, migrations } from './migrations.js';
import type { NotificationView, StoryView } from './server-views.js';

const live = { shareId: 'share-1', expiresAt: '2026-01-01T00:15:00.000Z', endedAt: null, updatedAt: '2026-01-01T00:00:00.000Z' };

describe('cache schema 4: stories, notifications, emoticons, live locations', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'confab-cache-v4-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades a version-3 cache, keeping its rows and finding the live locations it already held', () => {
    const db = new Database(path.join(dir, 'cache.sqlite'));
    db.transaction(() => {
      for (const migration of migrations.filter((m) => m.version <= 3)) migration.up(db);
      db.pragma('user_version = 3');
    })();
    db.prepare(`INSERT INTO messages (tk, id, chat_id, seq, sender_id, client_id, kind, meta, created_at) VALUES (1, 'm-live', 'chat-1', 1, 'user-ana', 'c1', 'location', ?, '2026-01-01T00:00:00.000Z')`).run(
      JSON.stringify({ location: { lat: 1, lng: 2 }, live }),
    );
    db.prepare(`INSERT INTO messages (tk, id, chat_id, seq, sender_id, client_id, kind, meta, created_at) VALUES (2, 'm-place', 'chat-1', 2, 'user-ana', 'c2', 'location', ?, '2026-01-01T00:00:01.000Z')`).run(
      JSON.stringify({ location: { lat: 1, lng: 2 } }),
    );

    expect(migrate(db)).toEqual([4]);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2);
    expect(db.prepare('SELECT * FROM live_shares').all()).toEqual([
      { share_id: 'share-1', message_id: 'm-live', chat_id: 'chat-1', sharer_id: 'user-ana', expires_at: live.expiresAt, ended_at: null },
    ]);
    for (const table of ['stories', 'notifications', 'emoticons']) expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    db.close();
  });
});

describe('applying story, notification and emoticon events', () => {
  let cache: Cache;
  let dispose: () => void;
  beforeEach(() => ({ cache, dispose } = tempCache()));
  afterEach(() => dispose());

  const apply = (events: readonly SyncEvent[]) => {
    const ctx = writeContext(cache);
    cache.transaction(() => events.forEach((e) => applyEvent(ctx, e)));
    return ctx.changes;
  };
  const snapshot = () => Object.fromEntries(['stories', 'notifications', 'emoticons', 'live_shares', 'state'].map((t) => [t, cache.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));

  const story = (id: string, authorId: string): StoryView => ({
    id,
    authorId,
    kind: 'text',
    text: `story ${id}`,
    mediaId: null,
    media: null,
    background: '#aa3355',
    font: null,
    createdAt: '2025-12-31T12:00:00.000Z',
    expiresAt: '2026-01-01T12:00:00.000Z',
  });
  const note = (id: string, read = false): NotificationView => ({
    id,
    kind: 'reaction',
    chatId: 'chat-1',
    messageId: 'm1',
    storyId: null,
    invitationId: null,
    actors: [{ id: 'user-ana', name: 'Ana', avatarMediaId: null }],
    actorCount: 1,
    emoji: '👍',
    title: 'Ana reacted 👍 to your message',
    snippet: null,
    createdAt: `2025-12-31T10:00:0${id.slice(-1)}.000Z`,
    read,
  });
  const events: SyncEvent[] = [
    { type: 'story.new', story: story('s1', 'user-ana') },
    { type: 'story.new', story: story('s2', ME) },
    { type: 'story.new', story: story('s3', 'user-ana') },
    { type: 'story.seen', storyId: 's1', authorId: 'user-ana' },
    { type: 'story.viewed', storyId: 's2', viewerId: 'user-ana', viewedAt: '2025-12-31T13:00:00.000Z', count: 1 },
    { type: 'story.deleted', storyId: 's3', authorId: 'user-ana' },
    { type: 'notification', action: 'new', notification: note('n1'), unread: 1 },
    { type: 'notification', action: 'new', notification: note('n2'), unread: 2 },
    { type: 'notification', action: 'new', notification: note('n3'), unread: 3 },
    { type: 'notification', action: 'read', ids: ['n1'], unread: 2 },
    { type: 'notification', action: 'deleted', ids: ['n2'], unread: 1 },
    { type: 'emoticon.created', emoticon: { id: 'e1', shortcut: 'party', mediaId: 'media-e1', animated: false, createdAt: '2025-12-01T00:00:00.000Z' } },
    { type: 'emoticon.created', emoticon: { id: 'e2', shortcut: 'wave', mediaId: 'media-e2', animated: true, createdAt: '2025-12-01T00:00:00.000Z' } },
    { type: 'emoticon.deleted', emoticonId: 'e2', shortcut: 'wave' },
    { type: 'message.new', message: messageView('chat-1', 1, null, { kind: 'location', meta: { location: { lat: 1, lng: 2 }, live } }) },
  ];

  it('gives the expected state, and the same state when applied again', () => {
    apply(events);
    const once = snapshot();
    apply(events);
    expect(snapshot()).toEqual(once);

    expect(cache.stories.live('2026-01-01T00:00:00.000Z').map((s) => [s.story.id, s.seen, s.viewCount])).toEqual([
      ['s1', true, 0],
      ['s2', false, 1],
    ]);
    expect(cache.notifications.page(undefined, 10).entries.map((n) => [n.id, n.read])).toEqual([
      ['n3', false],
      ['n1', true],
    ]);
    expect(cache.notifications.unread).toBe(1);
    expect(cache.emoticons.all().map((e) => e.shortcut)).toEqual(['party']);
    expect(cache.liveShares.running('2026-01-01T00:00:00.000Z').map((s) => s.share_id)).toEqual(['share-1']);
  });
});
