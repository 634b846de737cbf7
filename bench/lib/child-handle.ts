import { fork, type ChildProcess } from 'node:child_process';
import { repoRoot } from './server-process.js';

/**
 * A bench child process (a TypeScript file run through tsx) and a promise-shaped way to ask it
 * things over IPC: send a message, wait for the answer of a given type. If the child dies, every
 * pending question gets `onExit`'s answer, so the orchestrator never waits for a dead process.
 */
export class ChildHandle<To, From extends { type: string }> {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<From['type'], (message: From | null) => void>();
  private exitReason: string | null = null;

  constructor(
    readonly name: string,
    script: string,
  ) {
    this.child = fork(script, [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] });
    this.child.on('message', (message: From) => {
      const resolve = this.waiting.get(message.type);
      this.waiting.delete(message.type);
      resolve?.(message);
    });
    this.child.once('exit', (code, signal) => {
      this.exitReason = `${name} exited (${code ?? signal})`;
      for (const [, resolve] of this.waiting) resolve(null);
      this.waiting.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  ask<T extends From['type']>(message: To, answer: T, timeoutMs: number): Promise<Extract<From, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.exitReason) return reject(new Error(this.exitReason));
      const timer = setTimeout(() => reject(new Error(`${this.name}: no "${answer}" within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiting.set(answer, (reply) => {
        clearTimeout(timer);
        if (!reply) reject(new Error(this.exitReason ?? `${this.name} exited`));
        else resolve(reply as Extract<From, { type: T }>);
      });
      this.child.send(message as object);
    });
  }

  /** Fire and forget (the child answers later, or not at all). */
  tell(message: To): void {
    this.child.send(message as object);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
