import { afterAll, beforeAll } from 'vitest';
import { signIn, type SignedInUser } from './sign-in.js';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server.js';

/** A device to sign off, or an event collector to stop, when the suite ends. */
type Closable = { close(): Promise<void> } | { stop(): void };

/**
 * A real server for one describe block: started before its tests, stopped after them, and
 * every device `setup` returns closed first. `setup` assigns the suite's own variables, so the
 * tests read them as before:
 *
 *   let server: TestServer, ana: SignedInUser;
 *   serverForSuite(async (s) => [(server = s), (ana = await signIn(s))][1]);
 */
export function serverForSuite(setup: (server: TestServer) => Promise<readonly (Closable | undefined)[] | Closable | void>, options: TestServerOptions = {}): void {
  let server: TestServer | undefined;
  let open: readonly (Closable | undefined)[] = [];
  beforeAll(async () => {
    server = await startTestServer(options);
    const devices = await setup(server);
    open = devices === undefined ? [] : Array.isArray(devices) ? devices : [devices as Closable];
  });
  afterAll(async () => {
    await Promise.all(open.map((item) => (item && 'close' in item ? item.close() : item?.stop())));
    await server?.stop();
  });
}

/** A server and one signed-in person for a describe block: `personForSuite((t) => ({ server, ana } = t))`. */
export function personForSuite(receive: (fixture: { server: TestServer; ana: SignedInUser }) => void, options: TestServerOptions = {}): void {
  serverForSuite(async (server) => {
    const ana = await signIn(server);
    receive({ server, ana });
    return ana;
  }, options);
}
