import { signIn, type SignedInUser } from './sign-in.js';
import { serverForSuite } from './suite.js';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server.js';

export interface TwoPeopleInAChat {
  server: TestServer;
  ana: SignedInUser;
  ben: SignedInUser;
  chatId: string;
}

/** The most common fixture: a fresh server, two signed-in people, and their 1:1 chat. */
export async function twoPeopleInAChat(options: TestServerOptions = {}): Promise<TwoPeopleInAChat> {
  return anaAndBenInAChat(await startTestServer(options));
}

async function anaAndBenInAChat(server: TestServer): Promise<TwoPeopleInAChat> {
  const [ana, ben] = await Promise.all([signIn(server), signIn(server)]);
  const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
  return { server, ana, ben, chatId };
}

/** Closes the people's connections, then the server (each may be unset if set-up failed). */
export async function stopAll(server: TestServer | undefined, ...people: (SignedInUser | undefined)[]): Promise<void> {
  await Promise.all(people.map((person) => person?.close()));
  await server?.stop();
}

/**
 * The same fixture for one describe block, set up before its tests and closed after them:
 *
 *   let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
 *   twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t), { env: { … } });
 */
export function twoPeopleForSuite(receive: (fixture: TwoPeopleInAChat) => void, options: TestServerOptions = {}): void {
  serverForSuite(async (server) => {
    const fixture = await anaAndBenInAChat(server);
    receive(fixture);
    return [fixture.ana, fixture.ben];
  }, options);
}
