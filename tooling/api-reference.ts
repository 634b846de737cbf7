/**
 * Writes docs/api.md, the reference of every server procedure, from the code itself: its kind
 * and whether it needs a signed-in user (the router), its input and output types (AppRouter,
 * through the TypeScript compiler), the input's exact rules (its zod schema as JSON Schema), and
 * the refusals its handler raises (`fail.*` in the handler's file). `--check` fails when the
 * committed file is not what the code says, so the reference stays true.
 *
 *   npx tsx tooling/api-reference.ts          # rewrite docs/api.md
 *   npx tsx tooling/api-reference.ts --check  # exit 1 if it is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { appRouter } from '@confab/api';

const repo = path.resolve(import.meta.dirname, '..');
const apiSrc = path.join(repo, 'packages/api/src');
const target = path.join(repo, 'docs/api.md');

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  inputs: z.ZodType[];
}

/** `RouterInputs['chats']['list']` and its output, printed as TypeScript. */
function typePrinter() {
  const probe = path.join(apiSrc, '__api_reference_probe__.ts');
  const names = Object.keys(appRouter._def.procedures);
  const lines = names.flatMap((name, i) => {
    const [r, n] = name.split('.');
    return [`export type I${i} = RouterInputs['${r}']['${n}'];`, `export type O${i} = RouterOutputs['${r}']['${n}'];`];
  });
  const source = `import type { RouterInputs, RouterOutputs } from './root.js';\n${lines.join('\n')}\n`;
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(repo, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, repo);
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === probe ? source : read(file));
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === probe || exists(file);
  const program = ts.createProgram([probe], config.options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(probe)!;
  const printed = new Map<string, string>();
  for (const statement of file.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const type = checker.getTypeAtLocation(statement.name);
    const text = checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
    printed.set(statement.name.text, text);
  }
  return (name: string) => {
    const i = names.indexOf(name);
    return { input: printed.get(`I${i}`)!, output: printed.get(`O${i}`)! };
  };
}

/** Per router file: which procedures are public, and the refusals each handler's file raises. */
function sourceFacts(name: string): { signedIn: boolean; refusals: string[] } {
  const [routerName, procedure] = name.split('.') as [string, string];
  const routerFile = path.join(apiSrc, routerName, 'router.ts');
  const router = readFileSync(routerFile, 'utf8');
  const line = router.split('\n').find((l) => new RegExp(`^\\s+${procedure}:`).test(l)) ?? '';
  const signedIn = !line.includes('publicProcedure');
  const handler = /=>\s*([A-Za-z]+)\(ctx/.exec(line)?.[1];
  const imported = handler ? new RegExp(`import \\{[^}]*\\b${handler}\\b[^}]*\\} from '(\\./[^']+)\\.js'`).exec(router)?.[1] : undefined;
  if (!imported) return { signedIn, refusals: [] };
  const handlerSource = readFileSync(path.join(path.dirname(routerFile), `${imported}.ts`), 'utf8');
  const refusals = new Set<string>();
  for (const match of handlerSource.matchAll(/fail\.(\w+)\(\s*(?:'([^']*)'|"([^"]*)"|`([^`]*)`)?/g)) {
    const code = { badRequest: 'BAD_REQUEST', unauthorized: 'UNAUTHORIZED', forbidden: 'FORBIDDEN', notFound: 'NOT_FOUND', conflict: 'CONFLICT', tooManyRequests: 'TOO_MANY_REQUESTS', payloadTooLarge: 'PAYLOAD_TOO_LARGE' }[match[1]!] ?? match[1]!;
    const text = (match[2] ?? match[3] ?? match[4])?.replace(/\.$/, "");
    refusals.add(text === undefined ? code : `${code} — ${match[1] === 'notFound' ? `${text} not found` : text}`);
  }
  return { signedIn, refusals: [...refusals].sort() };
}

function jsonSchemaOf(inputs: z.ZodType[]): string | null {
  if (inputs.length === 0) return null;
  try {
    return JSON.stringify(z.toJSONSchema(inputs[0]!, { io: 'input', unrepresentable: 'any' }), null, 2);
  } catch {
    return null;
  }
}

function render(): string {
  const types = typePrinter();
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).sort(([a], [b]) => a.localeCompare(b));
  const out: string[] = [
    '# Confab server API reference',
    '',
    'Generated from the code by `npx tsx tooling/api-reference.ts` (CI checks it is current). The',
    'contract these names follow is `../shared/API.md`; what this code adds to it is in',
    '[api-additions.md](api-additions.md). Transport: tRPC v11 at `/trpc` over HTTP (batching on) and',
    'WebSocket (`connectionParams: { token }`), plain JSON, ISO dates, string ids.',
    '',
    '## Refusals every procedure may give',
    '- `UNAUTHORIZED` — the procedure needs a signed-in user and the access token is missing, expired or its session ended.',
    '- `BAD_REQUEST` — the input does not match its schema (below); `data.issues` lists each field and why.',
    '- `TOO_MANY_REQUESTS` — the server is at capacity or a rate limit was reached; `data.retryAfterSeconds` (and `Retry-After` over HTTP) says when to try again.',
    '- `NOT_FOUND` — for anything the caller may not see (a chat they are not in, another user\'s message): existence is never revealed.',
    '- `INTERNAL_SERVER_ERROR` — "Something went wrong on our side"; nothing about the cause.',
    '',
    '## Procedures',
    '',
  ];
  let router = '';
  for (const [name, procedure] of procedures) {
    const [routerName] = name.split('.');
    if (routerName !== router) {
      router = routerName!;
      out.push(`### ${router}`, '');
    }
    const { signedIn, refusals } = sourceFacts(name);
    const { input, output } = types(name);
    out.push(`#### \`${name}\` — ${procedure._def.type}${signedIn ? '' : ', no sign-in'}`, '');
    out.push('```ts', `input:  ${procedure._def.inputs.length === 0 ? 'none' : input}`, `output: ${output}`, '```');
    if (refusals.length) out.push('', `Refusals: ${refusals.map((r) => `\`${r.split(' — ')[0]}\`${r.includes(' — ') ? ` ${r.slice(r.indexOf(' — ') + 3)}` : ''}`).join('; ')}.`);
    const schema = jsonSchemaOf(procedure._def.inputs);
    if (schema) out.push('', '<details><summary>Input rules (JSON Schema)</summary>', '', '```json', schema, '```', '', '</details>');
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const text = render();
if (process.argv.includes('--check')) {
  const current = (() => {
    try {
      return readFileSync(target, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current !== text) {
    console.error('docs/api.md is not what the code says: run `npx tsx tooling/api-reference.ts` and commit it.');
    process.exit(1);
  }
  console.log('docs/api.md is current');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${path.relative(repo, target)} (${Object.keys(appRouter._def.procedures).length} procedures)`);
}
