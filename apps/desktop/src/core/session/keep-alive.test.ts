import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RestartableServer, makeCore, signInCore, waitForState, waitUntil, type TestCore } from '../testing/harness.js';
import { SecretKeys } from './auth-session.js';

/**
 * The server ends sessions nobody renewed for SESSION_IDLE_DAYS. An app left open on a healthy
 * socket never needs a new access token, so it renews on its own schedule (here every 300 ms).
 */
describe('desktop core: keeping a long-open session alive', () => {
  const host = new RestartableServer();
  let app: TestCore;

  afterAll(async () => {
    await app?.core.close();
    await host.dispose();
    if (app) rmSync(app.dataDir, { recursive: true, force: true });
  });

  it('renews its tokens while online, and not while the server is down', async () => {
    await host.start();
    app = makeCore(host.url, undefined, { sessionRefreshMs: 300 });
    await signInCore(app.core, host.server);
    await waitForState(app.core, 'online');
    const first = await app.secrets.get(SecretKeys.refreshToken);
    await waitUntil(async () => (await app.secrets.get(SecretKeys.refreshToken)) !== first, 'the refresh token rotated');

    await host.stop();
    await waitForState(app.core, 'offline');
    const offline = await app.secrets.get(SecretKeys.refreshToken);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await app.secrets.get(SecretKeys.refreshToken)).toBe(offline);
    // Still signed in: a failed renewal offline does not end the session.
    expect(await app.core.session.me()).not.toBeNull();
  });
});
