import type { TestServer } from './test-server.js';
import type { Page } from 'playwright-core';

/** Signs a number in through the sign-in screen, reading the console code the server "sent". */
export async function signInThroughUi(page: Page, server: TestServer, phone: string): Promise<void> {
  await page.goto(server.url);
  await completeSignIn(page, server, phone);
}

/** On the sign-in screen already shown (web or desktop): number, code, then the chat list. */
export async function completeSignIn(page: Page, server: TestServer, phone: string): Promise<void> {
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  const codeInput = page.getByLabel('6-digit code');
  await codeInput.waitFor();
  const code = server.codes.get(phone);
  if (!code) throw new Error(`no code was sent to ${phone}`);
  // Six digits submit by themselves, as when a code is pasted.
  await codeInput.fill(code);
  await page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
}

/** The signed-in tab's session: its id, its user's, and an access token of its own. */
export interface TabSession {
  sessionId: string;
  userId: string;
  accessToken: string;
}

/**
 * A signed-in tab's session, for driving the API directly (setting up many messages). The tab
 * keeps its access token in memory, so this gets one as another tab of the browser would: under
 * the tabs' refresh lock it spends the refresh token in IndexedDB and stores the new one there,
 * for the tab's next refresh.
 */
export async function sessionOf(page: Page): Promise<TabSession> {
  return page.evaluate(() =>
    navigator.locks.request('confab.auth.refresh', async () => {
      const done = <T>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));
      const db = await done(indexedDB.open('confab', 1));
      const record = (await done(db.transaction('auth').objectStore('auth').get('refresh'))) as { sessionId: string; refreshToken: string } | undefined;
      const signedIn = JSON.parse(localStorage.getItem('confab.session') ?? 'null') as { sessionId: string; user: { id: string } } | null;
      if (!record || !signedIn) throw new Error('this tab is not signed in');
      const response = await fetch('/trpc/auth.refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: record.refreshToken }) });
      if (!response.ok) throw new Error(`refresh refused: ${response.status}`);
      const next = ((await response.json()) as { result: { data: { accessToken: string; refreshToken: string } } }).result.data;
      const write = db.transaction('auth', 'readwrite');
      write.objectStore('auth').put({ sessionId: record.sessionId, refreshToken: next.refreshToken }, 'refresh');
      await new Promise((resolve) => (write.oncomplete = resolve));
      db.close();
      return { sessionId: signedIn.sessionId, userId: signedIn.user.id, accessToken: next.accessToken };
    }),
  );
}

/** The signed-in tab's access token (see sessionOf). */
export async function accessTokenOf(page: Page): Promise<string> {
  return (await sessionOf(page)).accessToken;
}

export async function setProfileName(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Your profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your profile' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('Saved.').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Opens the 1:1 chat with a number through the New chat picker's search, as a user types it: the
 * number's own row ("Chat with …"), or the contact with that number when it is one already.
 */
export async function startChatByPhone(page: Page, phone: string): Promise<void> {
  await page.getByRole('button', { name: 'New chat' }).first().click();
  const panel = page.getByRole('complementary', { name: 'New chat' });
  await panel.getByRole('combobox', { name: 'Search name or number' }).fill(phone);
  await panel.locator(`[role="option"][data-phone="${phone}"]`).first().click();
  await panel.waitFor({ state: 'hidden' });
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill(text);
  await composer.press('Enter');
}

/** The bubble of a message whose text is exactly this (confirmed by the server, not pending). */
export function bubble(page: Page, text: string) {
  return page.locator('.msg[data-message-id]').filter({ has: page.locator('.msg__text', { hasText: text }) });
}
