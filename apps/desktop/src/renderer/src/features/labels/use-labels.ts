import { useMemo } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import { useContacts } from '../contacts/use-contacts';
import type { TagsByUser } from '../chats/chat-filters';

/** userId → my tags on that contact, from the live address book. */
export function useTagsByUser(): TagsByUser {
  const data = useContacts();
  const contacts = data.contacts;
  return useMemo(() => new Map((contacts ?? []).map((c) => [c.user.id, c.tags])), [contacts]);
}

/** Every label I use, on chats or contacts, for the labels dialog to offer (case-insensitive, first spelling). */
export function useKnownLabels(): string[] {
  const chats = useMessengerState((s) => s.chats);
  const contacts = useContacts().contacts;
  return useMemo(() => {
    const byKey = new Map<string, string>();
    const all = [...Object.values(chats).flatMap((c) => c.labels ?? []), ...(contacts ?? []).flatMap((c) => c.tags)];
    for (const label of all) if (!byKey.has(label.toLocaleLowerCase())) byKey.set(label.toLocaleLowerCase(), label);
    return [...byKey.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
  }, [chats, contacts]);
}
