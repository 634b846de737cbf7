/**
 * Where a V8 .cpuprofile spent its time: self time by package (or our own source folder) and
 * by function. Usage: npx tsx bench/tools/cpuprofile-top.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/tools/cpuprofile-top.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalMicros = [...selfMicros.values()].reduce((a, b) => a + b, 0);

/** node_modules/<pkg> → pkg; our sources → their folder; node internals and V8 → as named. */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const own = /\/(packages|apps)\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (own) return `${own[1]}/${own[2]}/${own[3]}`;
  return url.replace(/^file:\/\//, '');
}

const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const { callFrame } = byId.get(id)!;
  const who = owner(callFrame.url, callFrame.functionName);
  byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
  const fn = `${callFrame.functionName || '(anonymous)'} ${who}:${callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((micros / totalMicros) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${file}: ${(totalMicros / 1e6).toFixed(1)} s sampled`);
print('self time by package / source folder', byOwner);
print('self time by function', byFunction);
