import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  pid: number;
  url: string;
  /** True once the child has exited (crashed or stopped). */
  exited(): boolean;
  exitInfo(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would end it: no drain, no goodbye to its clients. */
  kill(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  env: Record<string, string>;
  /** Extra node flags for the server, e.g. --cpu-prof to see where its time goes. */
  nodeFlags?: string[];
}

/**
 * Which server runs: `built` (default) is what production runs, `node out/server/main.js`, built
 * once per bench run (`npm run build:server`); `BENCH_SERVER=tsx` runs the TypeScript through tsx.
 */
const source = process.env.BENCH_SERVER === 'tsx' ? 'tsx' : 'built';
let built = false;

function serverEntry(): string {
  if (source === 'tsx') return '--import tsx apps/server/src/main.ts';
  if (!built) {
    execFileSync('npm', ['run', 'build:server', '--silent'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
    built = true;
  }
  return 'out/server/main.js';
}

/**
 * The real server as a child process (one process, so its pid is the server's), with as many
 * open files as the machine allows. Its logs go to this process's stderr so stdout stays the
 * bench's JSON lines.
 */
export async function startServerProcess(options: ServerOptions): Promise<ServerProcess> {
  const command = `ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec node "$@" ${serverEntry()}`;
  const child = spawn('bash', ['-c', command, 'server', ...(options.nodeFlags ?? [])], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      // A bench is one abusive-looking client: every socket comes from one address and every
      // user sends far above a person's pace. The per-address and per-user caps would refuse it,
      // so they are lifted; admission control (busy) stays on, as in production.
      MAX_CONNECTIONS_PER_ADDRESS: '1000000',
      RATE_SENDS_PER_MINUTE: '1000000',
      RATE_TYPING_PER_MINUTE: '1000000',
      ...options.env,
    },
  });
  let exit: string | null = null;
  // However the bench ends, the server does not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', (code, signal) => {
    exit = `exit code ${code} signal ${signal}`;
    process.off('exit', killOnExit);
  });
  const url = `http://127.0.0.1:${options.port}`;
  await waitHealthy(url, child, () => exit);
  return {
    pid: child.pid!,
    url,
    exited: () => exit !== null,
    exitInfo: () => exit ?? 'running',
    // A profiled server writes its profile as it exits, which takes a while on a busy machine.
    stop: () => stopChild(child, () => exit !== null, options.nodeFlags?.length ? 120_000 : 10_000),
    kill: async () => {
      if (exit !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await gone;
    },
  };
}

async function waitHealthy(url: string, child: ChildProcess, exit: () => string | null): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exit()) throw new Error(`the server exited while starting (${exit()})`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become healthy within 120 s');
}

/** SIGTERM (the server drains), then SIGKILL if it is still there after 10 s. */
async function stopChild(child: ChildProcess, exited: () => boolean, graceMs: number): Promise<void> {
  if (exited()) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}
