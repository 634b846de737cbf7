import { parseArgs } from 'node:util';

/** `--name value` flags for a bench script; unknown flags stop the run with the usage text. */
export function readFlags<T extends Record<string, { default: string; help: string }>>(spec: T, usage: string): { [K in keyof T]: string } {
  const options = Object.fromEntries(Object.entries(spec).map(([name, s]) => [name, { type: 'string' as const, default: s.default }]));
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean' } }, strict: true });
    if (values.help) throw new Error('help');
    return values as unknown as { [K in keyof T]: string };
  } catch (error) {
    const lines = Object.entries(spec).map(([name, s]) => `  --${name.padEnd(16)} ${s.help} (default ${s.default || 'none'})`);
    console.error(`${(error as Error).message === 'help' ? '' : `${(error as Error).message}\n`}${usage}\n${lines.join('\n')}`);
    process.exit(2);
  }
}

export function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got "${value}")`);
  return n;
}

export function positiveInts(value: string, name: string): number[] {
  return value.split(',').map((part) => positiveInt(part.trim(), name));
}
