import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '@confab/api';
import WebSocket from 'ws';
import { newPhone } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { createDesktopCore, type DesktopCore, type DesktopCoreOptions } from '../index.js';
import { MemorySecretStore } from '../session/secret-store.js';
import type { ConnectionState, CoreEvent, Profile } from '../types.js';

/**
 * A real server on a PGlite folder that survives a restart on the same port (the desktop
 * core keeps its server URL), with a clock tests can move.
 */
export class RestartableServer {
  server!: TestServer;
  readonly clock = new ManualClock();
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'confab-desktop-server-'));
  /** Extra server settings, applied from the next start. */
  env: Record<string, string> = {};
  private port = 0;

  async start(): Promise<TestServer> {
    this.server = await startTestServer({ clock: this.clock, dataDir: this.dataDir, env: { ...this.env, DATABASE_URL: '', PORT: String(this.port) } });
    this.port = this.server.port;
    return this.server;
  }

  get url(): string {
    return this.server.url;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  async dispose(): Promise<void> {
    await this.server?.stop().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface TestCore {
  core: DesktopCore;
  dataDir: string;
  secrets: MemorySecretStore;
  events: CoreEvent[];
  states: ConnectionState[];
  /** Closes the core and removes its data folder. */
  dispose(): Promise<void>;
}

/** A desktop core as the Electron main process would make it, with Node's `ws`. */
export function makeCore(serverUrl: string, reuse?: { dataDir: string; secrets: MemorySecretStore }, options: Partial<DesktopCoreOptions> = {}): TestCore {
  const dataDir = reuse?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'confab-desktop-core-'));
  const secrets = reuse?.secrets ?? new MemorySecretStore();
  const core = createDesktopCore({ serverUrl, dataDir, secretStore: secrets, WebSocket, retryDelayMs: () => 150, deviceName: 'Confab Desktop (test)', ...options });
  const events: CoreEvent[] = [];
  const states: ConnectionState[] = [];
  core.subscribe((event) => {
    events.push(event);
    if (event.type === 'shell.connection') states.push(event.state);
  });
  const dispose = async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { core, dataDir, secrets, events, states, dispose };
}

/** A core signed in as a new number and online: Ana's desktop app in most suites. */
export async function onlineCore(host: RestartableServer): Promise<TestCore & { user: Profile; phone: string }> {
  const made = makeCore(host.url);
  const { user, phone } = await signInCore(made.core, host.server);
  await waitForState(made.core, 'online');
  return { ...made, user, phone };
}

/** After a suite: desktop cores closed (their folders removed), API users signed off, the server gone. */
export async function disposeAll(host: RestartableServer, ...people: (TestCore | { close(): Promise<void> } | undefined)[]): Promise<void> {
  await Promise.all(people.map((person) => (person && 'dispose' in person ? person.dispose() : person?.close())));
  await host.dispose();
}

/** Signs the core in through its own sign-in flow, with the code the test server "sent". */
export async function signInCore(core: DesktopCore, server: TestServer, phone = newPhone()) {
  await core.start();
  await core.session.requestCode(phone);
  const code = server.codes.get(phone);
  if (!code) throw new Error(`no code for ${phone}`);
  const result = await core.session.verifyCode(phone, code);
  return { ...result, phone };
}

export const waitUntil = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

export const waitForState = (core: DesktopCore, state: ConnectionState) => waitUntil(() => core.sync.state === state, `the core is ${state}`);
