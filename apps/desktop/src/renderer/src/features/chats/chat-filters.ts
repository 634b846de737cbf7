import type { ChatView } from '../../lib/backend';

/** The chips above the chat list, as WhatsApp's lists: everything, unread, groups, or one of my labels. */
export type ChatFilter = { kind: 'all' } | { kind: 'unread' } | { kind: 'groups' } | { kind: 'label'; label: string };

/** userId → my tags on that contact: a 1:1 chat shows under its contact's tags too (as the server says). */
export type TagsByUser = ReadonlyMap<string, readonly string[]>;

/** Every label a chat shows under: its own, and for a 1:1 chat its contact's tags. */
export function labelsOf(chat: ChatView, tags: TagsByUser): string[] {
  const own = chat.labels ?? [];
  const contact = chat.kind === 'direct' && chat.peer ? (tags.get(chat.peer.id) ?? []) : [];
  return [...own, ...contact];
}

const key = (label: string) => label.toLocaleLowerCase();

/** One chip per label some listed chat has (case-insensitive, first spelling kept), alphabetical. */
export function labelsInUse(chats: readonly ChatView[], tags: TagsByUser): string[] {
  const byKey = new Map<string, string>();
  for (const chat of chats) for (const label of labelsOf(chat, tags)) if (!byKey.has(key(label))) byKey.set(key(label), label);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

/**
 * The chats a chip shows. Unread keeps the open chat, so reading it does not pull it out from
 * under the reader (WhatsApp does the same).
 */
export function filterChats(chats: readonly ChatView[], filter: ChatFilter, tags: TagsByUser, activeChatId: string | null = null): ChatView[] {
  switch (filter.kind) {
    case 'all':
      return [...chats];
    case 'unread':
      return chats.filter((c) => c.unreadCount > 0 || c.id === activeChatId);
    case 'groups':
      return chats.filter((c) => c.kind === 'group');
    case 'label':
      return chats.filter((c) => labelsOf(c, tags).some((l) => key(l) === key(filter.label)));
  }
}

export function sameFilter(a: ChatFilter, b: ChatFilter): boolean {
  return a.kind === b.kind && (a.kind !== 'label' || key(a.label) === key((b as { label: string }).label));
}
