import { useEffect, useSyncExternalStore } from 'react';
import { useBackend } from '../../app/context';
import { contactsDataFor, type ContactsData } from './contacts-data';

/** The live address book and friend requests (loaded on first use); re-renders on each change. */
export function useContacts(): ContactsData {
  const data = contactsDataFor(useBackend());
  useSyncExternalStore(data.subscribe, () => data.version);
  useEffect(() => void data.load(), [data]);
  return data;
}
