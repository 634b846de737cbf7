/**
 * tRPC's WebSocket encoder (JSON in text frames), except that an event many sockets carry is
 * turned into JSON once. One stored message to a 1,000-member group is one event object that
 * every member's `sync.events` yields; the default encoder stringified it once per socket. Here
 * the event's JSON is kept (weakly, while the object lives) and spliced into each socket's small
 * envelope (request id, tracked id), so each frame is byte-for-byte what JSON.stringify makes.
 */
export interface WsEncoder {
  encode(data: unknown): string;
  decode(data: string | ArrayBuffer | Uint8Array): unknown;
  /**
   * A subscription's tracked `data` frame, `{id, jsonrpc, result: {type: 'data', data: {id,
   * data}, id}}`, written out directly: the same bytes as `encode` gives for that object, without
   * building it. A group message is one such frame per member online, so this is its hot path.
   */
  trackedFrame(requestId: number | string, jsonrpc: '2.0' | undefined, trackedId: string, data: unknown): string;
}

export function sharedEventEncoder(): WsEncoder {
  const cache = new WeakMap<object, string>();
  const jsonOf = (shared: object): string => {
    let json = cache.get(shared);
    if (json === undefined) {
      json = JSON.stringify(shared);
      cache.set(shared, json);
    }
    return json;
  };
  return {
    encode(data) {
      const shared = sharedPart(data);
      if (!shared) return JSON.stringify(data);
      return stringifyAround(data, shared, jsonOf) ?? 'null';
    },
    trackedFrame(requestId, jsonrpc, trackedId, data) {
      const id = JSON.stringify(trackedId);
      const json: string | undefined = isPlainObject(data) ? jsonOf(data) : JSON.stringify(data);
      // JSON.stringify leaves out a key whose value is undefined (jsonrpc, and data itself).
      return `{"id":${JSON.stringify(requestId)},${jsonrpc === undefined ? '' : `"jsonrpc":"${jsonrpc}",`}"result":{"type":"data","data":{"id":${id}${json === undefined ? '' : `,"data":${json}`}},"id":${id}}}`;
    },
    decode(data) {
      if (typeof data !== 'string') throw new Error('This server speaks JSON in text frames');
      return JSON.parse(data) as unknown;
    },
  };
}

/** A subscription's data frame: `result.data` is the event, or `{id, data: event}` when tracked. */
function sharedPart(message: unknown): object | null {
  const result = (message as { result?: { type?: unknown; id?: unknown; data?: unknown } } | null)?.result;
  if (result?.type !== 'data' || !isPlainObject(result.data)) return null;
  const inner = result.id !== undefined ? (result.data as { data?: unknown }).data : result.data;
  return isPlainObject(inner) ? inner : null;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** JSON.stringify's output for plain data, with `shared`'s JSON taken from `jsonOf`. */
function stringifyAround(value: unknown, shared: object, jsonOf: (shared: object) => string): string | undefined {
  if (value === shared) return jsonOf(shared);
  if (!isPlainObject(value) && !Array.isArray(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => stringifyAround(item, shared, jsonOf) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const json = stringifyAround(item, shared, jsonOf);
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}
