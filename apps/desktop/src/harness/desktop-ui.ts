import type { TestServer } from '@confab/testing/test-server';
import { completeSignIn } from '@confab/testing/ui';
import { waitUntil } from '../core/testing/harness.js';
import type { DesktopHarness } from './desktop-harness.js';

/**
 * Signs a number in through the desktop sign-in screen (the code the server "sent" is read
 * from the test server) and waits until the core is online. Returns the signed-in user's id.
 */
export async function signInThroughDesktopUi(app: DesktopHarness, server: TestServer, phone: string): Promise<string> {
  await completeSignIn(app.page, server, phone);
  const me = app.core.session.me();
  if (me?.phone !== phone) throw new Error(`the core signed in ${me?.phone ?? 'no one'}, not ${phone}`);
  await waitUntil(() => app.core.sync.state === 'online', 'the core is online');
  return me.id;
}
