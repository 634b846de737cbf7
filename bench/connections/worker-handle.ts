import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../lib/server-process.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** A client child process and a promise-shaped way to ask it things. */
export class WorkerHandle {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<FromWorker['type'], (message: FromWorker) => void>();

  constructor(readonly name: string) {
    this.child = fork(path.join(import.meta.dirname, 'worker.ts'), [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] });
    this.child.on('message', (message: FromWorker) => {
      const resolve = this.waiting.get(message.type);
      this.waiting.delete(message.type);
      resolve?.(message);
    });
    this.child.once('exit', (code, signal) => {
      for (const [, resolve] of this.waiting) resolve({ type: 'opened', opened: 0, failed: 0, firstError: `${name} exited (${code ?? signal})`, seconds: 0 });
      this.waiting.clear();
    });
  }

  ask<T extends FromWorker['type']>(message: ToWorker, answer: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no "${answer}" within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiting.set(answer, (reply) => {
        clearTimeout(timer);
        if (reply.type !== answer) reject(new Error(reply.type === 'opened' ? (reply.firstError ?? 'worker exited') : `${this.name} exited`));
        else resolve(reply as Extract<FromWorker, { type: T }>);
      });
      this.child.send(message);
    });
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
