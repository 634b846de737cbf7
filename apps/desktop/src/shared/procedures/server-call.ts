import type { Kind } from './declare.js';

type Procedure = { query(input: unknown): Promise<unknown>; mutate(input: unknown): Promise<unknown> };

/**
 * Calls a server procedure by its name on a tRPC client (the desktop main process's, with its
 * session; the web page's, with its token). The name was checked against the declarations.
 */
export function callByName(client: object, procedure: string, kind: Kind, input: unknown): Promise<unknown> {
  const [routerName, name] = procedure.split('.') as [string, string];
  const target = (client as Record<string, Record<string, Procedure>>)[routerName]![name]!;
  return kind === 'query' ? target.query(input) : target.mutate(input);
}
