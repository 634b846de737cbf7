import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './server-process.js';

export const TURNSERVER = process.env.TURNSERVER_PATH ?? 'turnserver';

/** Whether coturn is installed (Debian `coturn`); suites that need it skip with a notice when not. */
export const hasTurnserver = (): boolean => spawnSync(TURNSERVER, ['--version'], { stdio: 'ignore' }).status === 0;

export interface Coturn {
  /** `turn:127.0.0.1:<port>?transport=udp`, for ICE_SERVERS. */
  url: string;
  port: number;
  secret: string;
  log: string[];
  stop(): Promise<void>;
}

/**
 * A real coturn on loopback, checking TURN REST credentials against `secret` (use-auth-secret),
 * on a free port, with no configuration file and no database from /etc or /var: everything it
 * writes stays in a temporary folder removed on stop. `port` starts it again where a stopped one
 * listened (a relay that restarted: its allocations are gone, its address is the same).
 */
export async function startCoturn(secret: string, { port: fixedPort }: { port?: number } = {}): Promise<Coturn> {
  const dir = await mkdtemp(path.join(tmpdir(), 'confab-coturn-'));
  const port = fixedPort ?? (await freePort());
  // A small relay range of its own, so parallel suites rarely meet.
  const minPort = 20_000 + Math.floor(Math.random() * 400) * 100;
  const log: string[] = [];
  const child: ChildProcess = spawn(
    TURNSERVER,
    [
      '-n',
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=confab.test',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--min-port=${minPort}`,
      `--max-port=${minPort + 99}`,
      '--allow-loopback-peers',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--fingerprint',
      `--db=${path.join(dir, 'turndb')}`,
      `--pidfile=${path.join(dir, 'turnserver.pid')}`,
      '--log-file=stdout',
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let failed: Error | null = null;
  const onData = (chunk: Buffer) => void log.push(chunk.toString());
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.once('exit', (code) => (failed = new Error(`turnserver exited with ${code}:\n${log.join('')}`)));
  // Ready once it answers a STUN binding request on its port.
  const deadline = Date.now() + 20_000;
  while (!(await answersStun(port))) {
    if (failed) throw failed;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`turnserver did not start:\n${log.join('')}`);
    }
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    port,
    secret,
    log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Sends one STUN Binding request (RFC 5389) to 127.0.0.1:port; true when anything answers within 500 ms. */
function answersStun(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), randomBytes(12)]);
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), 500);
    socket.once('message', () => done(true));
    socket.once('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}
