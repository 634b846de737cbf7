import type { ServerResponse } from 'node:http';
import type { Deps } from '@confab/api';
import { sql } from 'kysely';

/** Liveness plus a round trip to the database. */
export async function health(deps: Deps, res: ServerResponse): Promise<void> {
  try {
    await sql`select 1`.execute(deps.db);
    sendJson(res, 200, { status: 'ok', database: deps.dbKind });
  } catch {
    sendJson(res, 503, { status: 'unavailable', database: deps.dbKind });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
