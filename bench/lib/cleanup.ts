/**
 * Clean-up steps run in reverse order of registration, each bounded in time, so a client that
 * waits for answers an overloaded server will never send cannot hang the bench.
 */
export class Cleanup {
  private readonly steps: { name: string; run: () => Promise<void> | void; timeoutMs: number }[] = [];

  constructor(private readonly log: (text: string) => void) {}

  add(name: string, run: () => Promise<void> | void, timeoutMs = 15_000): void {
    this.steps.push({ name, run, timeoutMs });
  }

  async runAll(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      const { timeoutMs } = step;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.log(`clean-up: ${step.name} took over ${timeoutMs / 1000} s; moving on`);
          resolve();
        }, timeoutMs);
      });
      await Promise.race([Promise.resolve().then(step.run), timeout]).catch((error: unknown) => this.log(`clean-up: ${step.name}: ${(error as Error).message}`));
      clearTimeout(timer);
    }
  }
}
