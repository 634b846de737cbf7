import fc from 'fast-check';

/** The part of JSON Schema that `z.toJSONSchema` writes for the API's inputs. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/**
 * Inputs for one procedure derived from its own schema: mostly malformed (a wrong type, a
 * value past a bound, a missing or unknown key, a broken pattern — one spot at a time inside an
 * otherwise plausible value, so the deeper checks are reached too), and some plausible ones
 * whose ids come from `ids` (real ones the caller owns, or none), which reach the handler itself.
 */
export function inputsFor(schema: JsonSchema | null, ids: readonly string[], count: number, seed: number): unknown[] {
  const gen = new Generator(ids);
  const arbitrary = schema === null ? junk : fc.oneof({ arbitrary: gen.malformed(schema), weight: 4 }, { arbitrary: gen.plausible(schema), weight: 1 });
  return fc.sample(arbitrary, { numRuns: count, seed });
}

/** Values that break a parser or a handler that trusts its input. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '😈'.repeat(40),
  '\u202e\u0644',
  '٣',
  '-1',
  '0',
  '1e309',
  'NaN',
  '99999999999999999999999',
  '9223372036854775808',
  '-9223372036854775809',
  "' OR 1=1 --",
  '"; drop table users; --',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  '2026-13-45T99:99:99Z',
];
const NASTY_NUMBERS = [0, -0, -1, 0.5, -0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 31, 2 ** 63];

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, true, false, [], {}, [[[[[]]]]], 'x'.repeat(70_000), { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"admin":true}}')),
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
);

const typesOf = (schema: JsonSchema): string[] => (schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]);

class Generator {
  private readonly idPool: fc.Arbitrary<string>;

  constructor(ids: readonly string[]) {
    this.idPool = ids.length > 0 ? fc.constantFrom(...ids) : fc.string({ minLength: 1, maxLength: 12 });
  }

  /** A value the schema probably accepts. */
  plausible(schema: JsonSchema, key = ''): fc.Arbitrary<unknown> {
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) return fc.oneof(...branches.map((b) => this.plausible(b, key)));
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const type = typesOf(schema)[0];
    switch (type) {
      case 'string':
        return this.plausibleString(schema, key);
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
        const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Math.max(min, 0) + 1_000_000);
        return type === 'integer'
          ? fc.integer({ min: Math.ceil(Math.max(min, Number.MIN_SAFE_INTEGER)), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(schema.items ? this.plausible(schema.items, key) : fc.jsonValue({ maxDepth: 1 }), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
        });
      case 'object':
        return this.plausibleObject(schema);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** A value the schema refuses (or, rarely, an odd one it accepts). */
  malformed(schema: JsonSchema, key = ''): fc.Arbitrary<unknown> {
    const options: fc.Arbitrary<unknown>[] = [junk];
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) options.push(...branches.map((b) => this.malformed(b, key)));
    if (schema.enum) options.push(fc.string({ maxLength: 12 }), fc.constantFrom(...schema.enum.map((v) => (typeof v === 'string' ? v.toUpperCase() + ' ' : v))));
    for (const type of typesOf(schema)) {
      if (type === 'string') options.push(...this.badStrings(schema));
      if (type === 'integer' || type === 'number') options.push(this.badNumbers(schema, type === 'integer'));
      if (type === 'array') options.push(...this.badArrays(schema, key));
      if (type === 'object' && schema.properties) options.push(...this.badObjects(schema));
    }
    return fc.oneof(...options);
  }

  private plausibleString(schema: JsonSchema, key: string): fc.Arbitrary<string> {
    const minLength = schema.minLength ?? 0;
    const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
    const free = fc.string({ minLength, maxLength, unit: 'grapheme' });
    if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    if (schema.format === 'uuid') return fc.uuid();
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern), { size: 'small' });
    if (/id$/i.test(key)) return fc.oneof({ arbitrary: this.idPool, weight: 3 }, { arbitrary: free, weight: 1 });
    return free;
  }

  private plausibleObject(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
    const properties = schema.properties ?? {};
    const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, this.plausible(s, k)]));
    return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) }) as fc.Arbitrary<Record<string, unknown>>;
  }

  private badStrings(schema: JsonSchema): fc.Arbitrary<unknown>[] {
    const out: fc.Arbitrary<unknown>[] = [fc.constantFrom(...NASTY_STRINGS), fc.integer(), fc.string({ unit: 'binary', maxLength: 30 })];
    if (schema.maxLength !== undefined) {
      const over = schema.maxLength + 1;
      out.push(over > 1000 ? fc.constant('y'.repeat(over)) : fc.string({ minLength: over, maxLength: over + 20 }));
    }
    if (schema.minLength !== undefined && schema.minLength > 0) out.push(fc.string({ maxLength: schema.minLength - 1 }));
    if (schema.format === 'date-time') out.push(fc.constantFrom('yesterday', '2026-02-30T00:00:00Z', '9999999-01-01T00:00:00Z', '1970-01-01'));
    return out;
  }

  private badNumbers(schema: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
    const edges: unknown[] = [...NASTY_NUMBERS, '12', null];
    if (schema.minimum !== undefined) edges.push(schema.minimum - 1, schema.minimum - 0.001);
    if (schema.maximum !== undefined) edges.push(schema.maximum + 1, schema.maximum + 0.001);
    if (schema.exclusiveMinimum !== undefined) edges.push(schema.exclusiveMinimum);
    if (schema.exclusiveMaximum !== undefined) edges.push(schema.exclusiveMaximum);
    if (integer) edges.push(1.5, (schema.minimum ?? 0) + 0.25);
    return fc.oneof(fc.constantFrom(...edges), fc.double());
  }

  private badArrays(schema: JsonSchema, key: string): fc.Arbitrary<unknown>[] {
    const item = schema.items ? this.plausible(schema.items, key) : fc.jsonValue({ maxDepth: 1 });
    const out: fc.Arbitrary<unknown>[] = [fc.constant({ length: 1, 0: 'x' })];
    if (schema.maxItems !== undefined && schema.maxItems < 2000) out.push(fc.array(item, { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }));
    else out.push(fc.constant(Array.from({ length: 5000 }, (_, i) => i)));
    if (schema.minItems !== undefined && schema.minItems > 0) out.push(fc.array(item, { maxLength: schema.minItems - 1 }));
    if (schema.items) {
      const bad = this.malformed(schema.items, key);
      out.push(fc.tuple(fc.array(item, { maxLength: 3 }), bad).map(([items, b]) => [...items, b]));
    }
    return out;
  }

  private badObjects(schema: JsonSchema): fc.Arbitrary<unknown>[] {
    const properties = schema.properties ?? {};
    const keys = Object.keys(properties);
    const base = this.plausibleObject(schema);
    const out: fc.Arbitrary<unknown>[] = [
      // One property malformed, the rest plausible.
      ...keys.map((k) => fc.tuple(base, this.malformed(properties[k]!, k)).map(([o, v]) => ({ ...o, [k]: v }))),
      // A key the schema does not know.
      fc.tuple(base, fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })).map(([o, k, v]) => ({ ...o, [k]: v })),
      // An array where the object should be.
      fc.array(base, { maxLength: 2 }),
    ];
    const required = (schema.required ?? []).filter((k) => keys.includes(k));
    if (required.length > 0) {
      out.push(fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k))));
    }
    return out;
  }
}
