#!/usr/bin/env node
// `npm test`: lint, type-check, check docs/api.md, build the web and desktop bundles, then every
// vitest project. Ends with one plain line "N passed, N failed" summed over all of it (each check
// before vitest counts one), so a run that executed nothing is visible.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(ok ? `✔ ${name}` : `✘ ${name} (exit ${result.status})`);
  return ok;
}

for (const [name, args] of [
  ['lint', ['eslint', '.']],
  ['type-check', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['API reference is current (docs/api.md)', ['tsx', 'tooling/api-reference.ts', '--check']],
]) {
  if (step(name, 'npx', args)) passed += 1;
  else failed += 1;
}

// Both bundles of the UI, built once before the browser suites (which would otherwise build
// them on first use, several at a time).
if (!step('build web client', 'npm', ['run', 'build:web', '--silent'])) failed += 1;
if (!step('build desktop app', 'npm', ['run', 'build', '--silent'])) failed += 1;

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += (json.numFailedTests ?? 0) + filesThatFailedToRun(json);
  if (!postgresConfigured()) console.log('note: TEST_DATABASE_URL is unset, so the database suites ran on PGlite only');
} else {
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/** A file that failed without a failing test (it did not load, or a hook threw) counts once. */
function filesThatFailedToRun(json) {
  return (json.testResults ?? []).filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')).length;
}

function postgresConfigured() {
  return Boolean(process.env.TEST_DATABASE_URL);
}
