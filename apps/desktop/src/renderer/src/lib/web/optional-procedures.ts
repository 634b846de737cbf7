import type { MessageView, SearchHit } from '../backend';
import type { HttpClients } from './clients';
import { isMissingProcedure } from './errors';

/**
 * Calls a procedure that a server may not have yet, without knowing in advance whether it is
 * a query or a mutation: it tries the likely type, then the other, and remembers what worked.
 * A procedure missing either way rejects with the "missing procedure" error (→ NOT_SUPPORTED).
 */
export class OptionalProcedures {
  private readonly types = new Map<string, 'query' | 'mutation'>();
  /** Procedures this server was found not to have: not asked again until a reload. */
  private readonly missing = new Map<string, unknown>();

  constructor(private readonly clients: () => HttpClients) {}

  async call(path: string, input: unknown, likely: 'query' | 'mutation'): Promise<unknown> {
    if (this.missing.has(path)) throw this.missing.get(path);
    const known = this.types.get(path);
    const order: ('query' | 'mutation')[] = known ? [known] : likely === 'query' ? ['query', 'mutation'] : ['mutation', 'query'];
    let lastError: unknown;
    for (const type of order) {
      try {
        const client = this.clients().untyped;
        const result = type === 'query' ? await client.query(path, input) : await client.mutation(path, input);
        this.types.set(path, type);
        return result;
      } catch (error) {
        if (!isMissingProcedure(error)) throw error;
        lastError = error;
      }
    }
    this.missing.set(path, lastError);
    throw lastError;
  }
}

// The shape of a search answer is not pinned down yet; the reader accepts the natural ones.

function isMessage(value: unknown): value is MessageView {
  return typeof value === 'object' && value !== null && typeof (value as MessageView).id === 'string' && typeof (value as MessageView).seq === 'number';
}

/** Search answers: messages or `{ message }` hits, bare or under any array property. */
export function readSearchHits(value: unknown): SearchHit[] {
  const list = Array.isArray(value) ? value : Object.values((value ?? {}) as object).find(Array.isArray) ?? [];
  return (list as unknown[])
    .map((item) => (isMessage(item) ? item : isMessage((item as { message?: unknown })?.message) ? (item as { message: MessageView }).message : null))
    .filter((m): m is MessageView => m !== null)
    .map((message) => ({ message, chatId: message.chatId }));
}
