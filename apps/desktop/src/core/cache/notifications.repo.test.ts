import { afterEach, describe, expect, it } from 'vitest';
import { tempCache } from '../testing/fixtures.js';
import { CACHED_NOTIFICATIONS } from './notifications.repo.js';
import type { NotificationView } from './server-views.js';

const entry = (n: number, createdAt: string): NotificationView =>
  ({
    id: `n-${String(n).padStart(4, '0')}`,
    kind: 'reaction',
    read: false,
    emoji: '👍',
    title: `Ana reacted to message ${n}`,
    actors: [{ id: 'user-ana', name: 'Ana', avatarMediaId: null }],
    chatId: 'chat-1',
    snippet: null,
    storyId: null,
    createdAt,
    messageId: `m-${n}`,
    actorCount: 1,
    invitationId: null,
  }) as unknown as NotificationView;

const at = (n: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + n * 1000).toISOString();

describe('the cached notification centre', () => {
  const dispose: (() => void)[] = [];
  afterEach(() => dispose.splice(0).forEach((d) => d()));

  it(`keeps the newest ${CACHED_NOTIFICATIONS} entries in the server's order, ties broken by id`, () => {
    const temp = tempCache();
    dispose.push(temp.dispose);
    const { notifications } = temp.cache;
    // Two entries share the oldest time: the one with the lower id goes first.
    notifications.upsert(entry(0, at(1)));
    for (let n = 1; n <= CACHED_NOTIFICATIONS + 1; n++) notifications.upsert(entry(n, at(n)));
    notifications.trim();
    const kept = notifications.page(undefined, CACHED_NOTIFICATIONS + 10).entries.map((e) => e.id);
    expect(kept).toHaveLength(CACHED_NOTIFICATIONS);
    expect(kept[0]).toBe(`n-${String(CACHED_NOTIFICATIONS + 1).padStart(4, '0')}`);
    expect(kept.at(-1)).toBe('n-0002');
    expect(kept).not.toContain('n-0000');
    expect(kept).not.toContain('n-0001');
  });

  it('trims nothing while there are fewer entries than it keeps', () => {
    const temp = tempCache();
    dispose.push(temp.dispose);
    const { notifications } = temp.cache;
    for (let n = 1; n <= 3; n++) notifications.upsert(entry(n, at(n)));
    notifications.trim();
    expect(notifications.page(undefined, 10).entries.map((e) => e.id)).toEqual(['n-0003', 'n-0002', 'n-0001']);
  });
});
