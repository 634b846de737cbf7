import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL cluster of the test's own, which it may stop and start (never the shared one on 5432). */
export interface PrivatePostgres {
  /** The `postgres` database of the cluster (trust auth on 127.0.0.1). */
  url: string;
  /** Fast shutdown: every connection is ended, as in a database restart. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

/** Whether the PostgreSQL 15 binaries are installed; tests that need a private cluster skip without them. */
export const hasPostgresBinaries = (): boolean => existsSync(path.join(BIN, 'initdb')) && existsSync(path.join(BIN, 'pg_ctl'));

/** PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user. */
const asOwner = (command: string, args: string[]): [string, string[]] =>
  userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const root = await mkdtemp(path.join(tmpdir(), 'confab-pg-'));
  const dataDir = path.join(root, 'data');
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(root, 0o700);
  const ctl = async (args: string[]) => {
    const [command, argv] = asOwner(path.join(BIN, 'pg_ctl'), ['-D', dataDir, ...args]);
    await run(command, argv);
  };
  const [initCommand, initArgs] = asOwner(path.join(BIN, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  await run(initCommand, initArgs);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  let running = false;
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      await ctl(['-w', '-t', '30', '-l', path.join(root, 'log'), '-o', options, 'start']);
      running = true;
      await untilAccepting(cluster.url);
    },
    stop: async () => {
      if (!running) return;
      running = false;
      await ctl(['-w', '-t', '30', '-m', 'fast', 'stop']);
    },
    dispose: async () => {
      await cluster.stop().catch(() => ctl(['-m', 'immediate', 'stop']).catch(() => undefined));
      await rm(root, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}

async function untilAccepting(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
