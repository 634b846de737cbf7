import type { ApiClient } from '../core/sync/transport.js';
import { SERVER_PROCEDURES, type ServerProcedure } from '../shared/server-procedures.js';

type Procedure = { query(input: unknown): Promise<unknown>; mutate(input: unknown): Promise<unknown> };

/**
 * Calls one allow-listed server procedure with the signed-in session (bridge method
 * `callServer`). The renderer never holds a token: it names a procedure from the list, and the
 * server validates the input as it does for any client.
 */
export function callServerProcedure(api: ApiClient, procedure: ServerProcedure, input: unknown): Promise<unknown> {
  const [routerName, name] = procedure.split('.') as [string, string];
  const target = (api as unknown as Record<string, Record<string, Procedure>>)[routerName]![name]!;
  return SERVER_PROCEDURES[procedure] === 'query' ? target.query(input) : target.mutate(input);
}
