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

/** The signed-in tab's access token, for driving the API directly (setting up many messages). */
export async function accessTokenOf(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(sessionStorage.getItem('confab.session') ?? '{}') as { accessToken: string }).accessToken);
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

export async function startChatByPhone(page: Page, phone: string): Promise<void> {
  await page.getByRole('button', { name: 'New chat' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New chat' });
  await dialog.getByLabel('Their phone number').fill(phone);
  await dialog.getByRole('button', { name: 'Start chat' }).click();
  await dialog.waitFor({ state: 'hidden' });
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
