import { useSyncExternalStore } from 'react';

/**
 * Unsent text per chat. Kept in localStorage (in the desktop app too: Electron keeps the page's
 * storage on disk), so a draft survives switching chats, a reload and a restart. Keyed by the
 * signed-in user, and wiped at sign-out, so the next person on this machine sees none of it.
 */
const PREFIX = 'confab.draft.';
/** Past this, stop writing: a pasted book should not fill the origin's quota. */
const MAX_STORED = 65_536;

function key(userId: string, chatId: string): string {
  return `${PREFIX}${userId}.${chatId}`;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (private mode, blocked cookies): drafts live as long as the page
  }
}

const memory = new Map<string, string>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

export const drafts = {
  get(userId: string, chatId: string): string {
    const k = key(userId, chatId);
    return memory.get(k) ?? storage()?.getItem(k) ?? '';
  },
  set(userId: string, chatId: string, text: string): void {
    const k = key(userId, chatId);
    if (!text) return drafts.delete(userId, chatId);
    if (memory.get(k) === text) return;
    memory.set(k, text);
    try {
      if (text.length <= MAX_STORED) storage()?.setItem(k, text);
    } catch {
      // quota full: the draft still lives in memory until the page closes
    }
    changed();
  },
  delete(userId: string, chatId: string): void {
    const k = key(userId, chatId);
    if (!memory.has(k) && !storage()?.getItem(k)) return;
    memory.delete(k);
    storage()?.removeItem(k);
    changed();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** At sign-out: every draft of every account on this device goes. */
  clearAll(): void {
    memory.clear();
    const store = storage();
    if (!store) return changed();
    for (const k of Object.keys(store)) if (k.startsWith(PREFIX)) store.removeItem(k);
    changed();
  },
};

/** The chat's draft, live: the chat list shows "Draft: …" while one waits. */
export function useDraft(userId: string, chatId: string): string {
  return useSyncExternalStore(drafts.subscribe, () => drafts.get(userId, chatId));
}
