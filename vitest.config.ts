import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Suites that touch the database run twice: on PGlite (in memory) and on real PostgreSQL
 * (TEST_DATABASE_URL; skipped with a notice when unset).
 */
const dbSuites = ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts'];
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Waits are for conditions, never for how fast the machine is: a busy CI machine may take
    // seconds to deliver what an idle one delivers in milliseconds.
    expect: { poll: { timeout: 20_000 } },
    // Most suites wait on sockets, Postgres and child processes rather than the CPU, so three
    // files run at once even on two cores. Each worker keeps its loaded modules from file to
    // file (module import was 100 s of a 10-minute run); every suite starts its own servers
    // and databases, so nothing else carries over.
    maxWorkers: 3,
    isolate: false,
    projects: [
      { extends: true as const, test: { name: 'pglite', include: dbSuites, env: { CONFAB_TEST_DB: 'pglite' } } },
      ...(withPostgres ? [{ extends: true as const, test: { name: 'postgres', include: dbSuites, env: { CONFAB_TEST_DB: 'postgres' } } }] : []),
      // The desktop harness drives Chromium, so it runs with the browser suites (e2e).
      { extends: true as const, test: { name: 'desktop', include: ['apps/desktop/src/**/*.test.ts'], exclude: [...configDefaults.exclude, 'apps/desktop/src/harness/**'], env: { CONFAB_TEST_DB: 'pglite' } } },
      // The web and desktop bundles are built before the run (tooling/run-tests.mjs), so browser
      // suites can run beside the others.
      { extends: true as const, test: { name: 'e2e', include: ['e2e/**/*.test.ts', 'apps/desktop/src/harness/**/*.test.ts'], env: { CONFAB_TEST_DB: 'pglite' } } },
    ],
  },
});
