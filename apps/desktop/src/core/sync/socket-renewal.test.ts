import { afterAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { disposeAll, onlineCore, RestartableServer, waitUntil, type TestCore } from '../testing/harness.js';

/**
 * The server closes a socket when the access token it signed in with expires (issue 13). The
 * app signs its open socket in again with a fresh token first, so it never drops: here tokens
 * live 10 s, and the socket stays up across two of them.
 */
describe('desktop core: a socket outliving its access token', () => {
  const host = new RestartableServer();
  host.env = { ACCESS_TOKEN_SECONDS: '10' };
  let ana: TestCore & { user: { id: string } }, ben: SignedInUser;

  afterAll(() => disposeAll(host, ana, ben));

  it('stays online and live past the lifetime of the token it connected with', async () => {
    await host.start();
    ana = await onlineCore(host);
    ben = await signIn(host.server);
    const chatId = (await ben.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    const statesBefore = ana.states.length;

    await new Promise((r) => setTimeout(r, 21_000));
    // Ben's test client does not refresh on its own.
    Object.assign(ben.tokens, await ben.trpc.auth.refresh.mutate({ refreshToken: ben.tokens.refreshToken }));
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'after-expiry', text: 'still there?' });

    await waitUntil(async () => (await ana.core.messages.read(chatId)).messages.some((m) => m.text === 'still there?'), 'the message arrived');
    // The server never had to close the socket for an expired sign-in: it was renewed in time.
    expect(host.server.logLines.filter((line) => line.includes('"sign-in expired"'))).toEqual([]);
    // Normally the same socket carried the stream the whole time (a loaded machine may still drop a keep-alive).
    if (ana.states.slice(statesBefore).length > 0) console.warn('the core reconnected meanwhile:', ana.states.slice(statesBefore));
  }, 150_000);
});
