import type { Backend, UserView } from './backend';

/** The Confab user with this phone number, or null when the number is not on Confab. */
export async function lookupByPhone(backend: Backend, phone: string): Promise<UserView | null> {
  const [match] = await backend.call('users.lookup', { phones: [phone] });
  return match?.user ?? null;
}
