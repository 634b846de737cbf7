export interface RecordedStatement {
  /** The SQL as sent to the database, with placeholders ($1 …) for every value. */
  sql: string;
  parameters: readonly unknown[];
}

type Execute = (this: unknown, query: RecordedStatement, ...rest: unknown[]) => Promise<unknown>;

/**
 * Records every statement that Kysely sends to the database in this process (the in-process
 * test server's, transactions included) while `work` runs and whose parameters mention
 * one of `needles`, e.g. a phone number or a user id: what the server did for that request, apart from unrelated
 * background work. Two requests that must be told apart by nothing — not even their timing —
 * do the same work. `db` is any Kysely instance of the process: the patch goes on its query
 * executor's class, which every instance and transaction shares.
 */
export async function recordStatements(db: { getExecutor(): object }, needles: readonly string[], work: () => Promise<unknown>): Promise<RecordedStatement[]> {
  const recorded: RecordedStatement[] = [];
  const prototype = Object.getPrototypeOf(db.getExecutor()) as { executeQuery: Execute };
  const original = prototype.executeQuery;
  prototype.executeQuery = function (query, ...rest) {
    if (query.parameters.some((p) => needles.some((needle) => String(p).includes(needle)))) recorded.push({ sql: query.sql, parameters: query.parameters });
    return original.call(this, query, ...rest);
  };
  try {
    await work();
  } finally {
    prototype.executeQuery = original;
  }
  return recorded;
}
