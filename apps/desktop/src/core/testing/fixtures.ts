import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChatView, MessageView } from '@confab/api';
import { openCache, type Cache } from '../cache/cache.js';
import { newChangeSet, type WriteContext } from '../cache/change-set.js';
import { StateKeys } from '../cache/state.repo.js';

export const ME = 'user-me';

/** A cache in a fresh temporary folder, signed in as ME. */
export function tempCache(): { cache: Cache; dir: string; file: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'confab-cache-'));
  const file = path.join(dir, 'cache.sqlite');
  const cache = openCache(file);
  cache.state.setJson(StateKeys.sessionUser, { id: ME, phone: null, name: 'Me', about: '', avatarMediaId: null, deleted: false });
  return {
    cache,
    dir,
    file,
    dispose: () => {
      cache.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeContext(cache: Cache, now = new Date('2026-01-01T00:00:00Z')): WriteContext {
  return { cache, me: ME, now: () => now, changes: newChangeSet() };
}

let clock = Date.parse('2025-06-01T00:00:00Z');

export function messageView(chatId: string, seq: number, text: string | null, extra: Partial<MessageView> = {}): MessageView {
  clock += 1000;
  return {
    id: `${chatId}-m${seq}`,
    chatId,
    seq,
    senderId: 'user-ana',
    clientId: `${chatId}-c${seq}`,
    kind: 'text',
    text,
    mediaId: null,
    replyToId: null,
    meta: null,
    createdAt: new Date(clock).toISOString(),
    editedAt: null,
    deletedAt: null,
    expiresAt: null,
    reactions: [],
    ...extra,
  };
}

export function chatView(id: string, extra: Partial<ChatView> = {}): ChatView {
  return {
    id,
    kind: 'direct',
    title: `Chat ${id}`,
    description: null,
    avatarMediaId: null,
    peer: { id: 'user-ana', phone: '+12015550100', name: 'Ana', about: '', avatarMediaId: null, deleted: false },
    role: 'member',
    readOnly: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    lastSeq: 0,
    lastReadSeq: 0,
    unreadCount: 0,
    lastMessage: null,
    mutedUntil: null,
    hidden: false,
    disappearingSeconds: null,
    theme: null,
    background: null,
    ...extra,
  };
}
