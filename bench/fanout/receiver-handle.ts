import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../lib/server-process.js';
import type { FromReceiver, ToReceiver } from './protocol.js';

/** A receiver child process and a promise-shaped way to ask it things. */
export class ReceiverHandle {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<FromReceiver['type'], (message: FromReceiver | null) => void>();

  constructor(readonly name: string) {
    this.child = fork(path.join(import.meta.dirname, 'receiver.ts'), [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] });
    this.child.on('message', (message: FromReceiver) => {
      const resolve = this.waiting.get(message.type);
      this.waiting.delete(message.type);
      resolve?.(message);
    });
    this.child.once('exit', () => {
      for (const [, resolve] of this.waiting) resolve(null);
      this.waiting.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  ask<T extends FromReceiver['type']>(message: ToReceiver, answer: T, timeoutMs: number): Promise<Extract<FromReceiver, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no "${answer}" within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiting.set(answer, (reply) => {
        clearTimeout(timer);
        if (!reply) reject(new Error(`${this.name} exited`));
        else resolve(reply as Extract<FromReceiver, { type: T }>);
      });
      this.child.send(message);
    });
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
