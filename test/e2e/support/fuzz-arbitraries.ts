// fast-check arbitraries for fuzzing the REST API: values generated from the OpenAPI document's JSON
// Schemas (valid-ish, each leaf now and then swapped for a hostile value), hostile JSON values and
// raw bodies (deep nesting, huge strings, control characters, prototype keys, wrong types, malformed
// JSON), hostile path ids and query strings.
import fc from "fast-check";

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
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
  default?: unknown;
};

/** Strings that have broken parsers before: number look-alikes, markup, SQL/LIKE wildcards, our own
 *  number formats, path tricks, Unicode edge cases and control characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  "", " ", "NaN", "-NaN", "Infinity", "-Infinity", "-0", "1e309", "-1e309", "0x1F", "0b11", "1_000", " 1", "1 ", "1.5", "+1",
  "9007199254740993", "99999999999999999999999", "１２", "٣", "null", "undefined", "true", "false", "[]", "{}", "[object Object]",
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty",
  "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE \"Case\"; --", "%", "_", "%_%", "\\", "\\\\", "\"", "'", "*", "?", "#",
  "../../etc/passwd", "..%2F..%2F", "%00", "%ff", "LAN-2026-0001", "LAN-R-2026-0001", "LAN-0000-0000", "LAN-R-9999-99999999999",
  "\u0000", "a\u0000b", "\u0007\u001b[31mred", "\r\n\r\nX-Injected: 1", "\t", "\u007f", "\u0085", "\u2028\u2029", "\uFEFF", "\uFEFFtitle",
  "\u202Eevil\u202C", "\u200B\u200C\u200D", "\uD800", "\uDFFF", "a\uD800b", "e\u0301", "\u0130", "ß", "\uFB01", "\u{1F3F4}\u200D\u2620\uFE0F",
  "\u{10FFFF}", "\u{1D54F}", "𝕿𝖎𝖙𝖑𝖊", "مرحبا", "漢字かな", "Z̸̢̛̲̞̙̟̲̖̗̙a̷̧̲͍̝̘l̴g̸o",
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 }) },
  // Past every field's maximum, but well under the 1 MiB body limit.
  { weight: 1, arbitrary: fc.integer({ min: 10_001, max: 120_000 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2_000 }).map((n) => "\u{1F600}".repeat(n)) },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, -1e308, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** An object with the keys that pollute prototypes when copied naively (own properties, as JSON.parse makes them). */
const prototypeKeys: fc.Arbitrary<Record<string, unknown>> = fc
  .subarray(["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "isAdmin", "role"], { minLength: 1 })
  .map((keys) =>
    Object.fromEntries(keys.map((k) => [k, k === "constructor" ? { prototype: { isAdmin: true, role: "ADMIN" } } : { isAdmin: true, role: "ADMIN", polluted: 1 }])),
  );

/** A hostile JSON leaf or a small hostile structure: wrong types, odd numbers, odd strings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[[]]], { "": "" }) },
  { weight: 1, arbitrary: prototypeKeys },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 3_000 }).map((n) => Array.from({ length: n }, (_, i) => `m${i}`)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const DATE = { min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true } as const;

export class SchemaArbitraries {
  constructor(private readonly components: Record<string, JsonSchema>) {}

  resolve(s: JsonSchema): JsonSchema {
    if (!s.$ref) return s;
    const name = s.$ref.replace("#/components/schemas/", "");
    const target = this.components[name];
    if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
    return this.resolve(target);
  }

  /** Values the schema allows (mostly; `hostile`: each leaf swapped for a hostile value about one time in six). */
  valueOf(schema: JsonSchema, hostile = true, depth = 0): fc.Arbitrary<unknown> {
    const valid = this.validOf(schema, hostile, depth);
    if (depth === 0 || !hostile) return valid;
    return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
  }

  private validOf(schema: JsonSchema, hostile: boolean, depth: number): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => this.valueOf(a, hostile, depth + 1)));
    if (s.allOf) return this.valueOf(Object.assign({}, ...s.allOf.map((a) => this.resolve(a))) as JsonSchema, hostile, depth + 1);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    switch (type) {
      case "string":
        return this.stringOf(s, hostile);
      case "integer": {
        const min = Math.max(s.minimum ?? -(2 ** 31), -(2 ** 31));
        const max = Math.min(s.maximum ?? 2 ** 31 - 1, 2 ** 31 - 1);
        // Small values near the minimum are the useful ones (versions, pages); the rest anywhere in range.
        return fc.oneof(fc.integer({ min, max: Math.min(max, min + 5) }), fc.integer({ min, max }));
      }
      case "number":
        return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true });
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array": {
        const items = s.items ? this.valueOf(s.items, hostile, depth + 1) : hostileValue;
        return fc.array(items, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 5) });
      }
      case "object":
        return this.objectOf(s, hostile, depth);
      default:
        // {} (anything): a JSON value.
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private stringOf(s: JsonSchema, hostile: boolean): fc.Arbitrary<string> {
    const min = s.minLength ?? 0;
    const max = s.maxLength ?? 60;
    if (s.format === "date-time") return fc.date(DATE).map((d) => d.toISOString());
    if (s.format === "date") return fc.date(DATE).map((d) => d.toISOString().slice(0, 10));
    if (s.pattern) {
      return fc
        .stringMatching(new RegExp(s.pattern), { size: "small" })
        .filter((v) => v.length >= min && v.length <= max);
    }
    const plain = fc.string({ minLength: min, maxLength: Math.min(max, 60) });
    if (!hostile) return plain;
    return fc.oneof(
      { weight: 3, arbitrary: plain },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 60) }) },
      // At the limits exactly, and one past them.
      { weight: 1, arbitrary: fc.constantFrom(max, Math.max(min - 1, 0), max + 1).map((n) => "a".repeat(n)) },
    );
  }

  private objectOf(s: JsonSchema, hostile: boolean, depth: number): fc.Arbitrary<unknown> {
    const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, this.valueOf(v, hostile, depth + 1)]));
    const known = fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    if (!hostile) return known;
    // Now and then extra keys: prototype keys and made-up names (refused where additionalProperties is false).
    const extra = fc.oneof(
      { weight: 4, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: prototypeKeys },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("extra", "id", "number", "createdById", "status", "", " "), hostileValue, { maxKeys: 2 }) },
    );
    return fc.tuple(known, extra).map(([k, e]) => Object.fromEntries([...Object.entries(k), ...Object.entries(e)]));
  }
}

/** A request body as it goes on the wire. */
export type WireBody = { kind: "none" } | { kind: "text"; text: string; note: string };

const json = (value: unknown, note: string): WireBody => ({ kind: "text", text: JSON.stringify(value) ?? "null", note });

/** Raw bodies no schema describes: nesting deep enough to blow a recursive parser or validator, a
 *  body past the 1 MiB limit, malformed and truncated JSON, duplicate keys, a top-level non-object. */
const rawBodies: fc.Arbitrary<WireBody> = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((d) => ({ kind: "text", text: "[".repeat(d) + "]".repeat(d), note: `array nested ${d} deep` }) as WireBody) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 50_000 }).map((d) => ({ kind: "text", text: '{"title":'.repeat(d) + '"x"' + "}".repeat(d), note: `object nested ${d} deep` }) as WireBody) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 50_000 }).map((d) => ({ kind: "text", text: '{"title":"deep nesting","summary":' + '{"a":'.repeat(d) + "1" + "}".repeat(d) + "}", note: `field nested ${d} deep` }) as WireBody) },
  { weight: 1, arbitrary: fc.constantFrom(1024 * 1024 + 1, 2 * 1024 * 1024).map((n) => ({ kind: "text", text: JSON.stringify({ title: "x".repeat(n) }), note: `${n}-character title (over 1 MiB)` }) as WireBody) },
  // Malformed or odd JSON text weighs most: every body route must refuse it in the error shape.
  { weight: 4, arbitrary: fc.constantFrom(
    "", "{", "}", "[", "{\"title\":", "{\"title\":\"unterminated", "{'title':'single quotes'}", "{title: 1}", "NaN", "Infinity", "-",
    "{\"title\":\"a\",}", "{\"title\":\"dup\",\"title\":1}", "\uFEFF{\"title\":\"with BOM\"}", "{\"title\":\"\\ud800\"}", "{\"title\":\"\\u0000\"}",
    "{\"__proto__\":{\"isAdmin\":true},\"title\":\"proto\"}", "{\"constructor\":{\"prototype\":{\"isAdmin\":true}}}", "null", "true", "0", "\"string\"",
    "[]", "[{}]", "1e999", "{\"version\":1e999}", "{\"version\":-0}", "{\"page\":\"1\"}", "\u0000", "\u0000{}", "{}\u0000",
  ).map((text) => ({ kind: "text", text, note: "malformed or odd JSON text" }) as WireBody) },
  { weight: 2, arbitrary: hostileValue.map((v) => json(v, "hostile top-level value")) },
);

/** Bodies for an operation with a JSON request schema (or none: then hostile ones only). */
export function bodiesFor(arbs: SchemaArbitraries, schema: JsonSchema | undefined): fc.Arbitrary<WireBody> {
  const generated = schema
    ? [
        { weight: 3, arbitrary: arbs.valueOf(schema, false).map((v) => json(v, "valid by the schema")) },
        { weight: 5, arbitrary: arbs.valueOf(schema).map((v) => json(v, "from the schema, hostile leaves")) },
      ]
    : [];
  return fc.oneof(...generated, { weight: 2, arbitrary: rawBodies }, { weight: 1, arbitrary: fc.constant({ kind: "none" } as WireBody) });
}

/** Content types: mostly JSON, sometimes spelled differently, sometimes wrong. */
export const contentTypes: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constant("application/json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8", "APPLICATION/JSON", "application/merge-patch+json", "application/vnd.api+json",
      "application/json; charset=utf-16", "text/plain", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
      "application/octet-stream", "application/jsonx", "application/xml", "json", "*/*", "application/json, text/plain",
    ),
  },
);

/** URL-encoded, lone surrogates replaced, cut to at most `max` encoded characters: the request head
 *  must stay under the 16 KiB Node accepts (past it Node answers 431 before the app sees anything). */
function encodeCapped(s: string, max: number): string {
  let text = s.toWellFormed();
  let encoded = encodeURIComponent(text);
  while (encoded.length > max) {
    text = text.slice(0, Math.floor(text.length / 2)).toWellFormed();
    encoded = encodeURIComponent(text);
  }
  return encoded;
}

/** A path segment for an `{id}`: a real one (case id, case number, evidence id, …) or a hostile one.
 *  `raw` segments go into the URL as they are (broken percent-encoding and traversal included). */
export function pathIds(real: readonly string[]): fc.Arbitrary<{ segment: string; note: string }> {
  const realIds = real.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...real).map((id) => ({ segment: encodeURIComponent(id), note: "real id" })) }] : [];
  return fc.oneof(
    ...realIds,
    { weight: 2, arbitrary: hostileString.filter((s) => s !== "").map((s) => ({ segment: encodeCapped(s, 4_000), note: "hostile id" })) },
    { weight: 1, arbitrary: fc.stringMatching(/^c[a-z0-9]{24}$/).map((s) => ({ segment: s, note: "random cuid-like id" })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("%", "%E0%A4%A", "%C0%AE%C0%AE", "%2e%2e", "..", ".", "%2F", "a%2Fb", "%00", "%0A", "%7F", "%FF%FE", "%uD800", "%25", "LAN-R-%32%30")
        .map((s) => ({ segment: s, note: "raw path segment" })),
    },
  );
}

/** Query parameters: values from each parameter's schema or hostile ones, plus prototype keys and repeats. */
export function queriesFor(arbs: SchemaArbitraries, params: { name: string; schema: JsonSchema }[]): fc.Arbitrary<string> {
  const scalar = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
  const asText = (v: unknown) => (Array.isArray(v) ? v.map(scalar).join(",") : scalar(v));
  const one = (p: { name: string; schema: JsonSchema }) =>
    fc.oneof({ weight: 3, arbitrary: arbs.valueOf(p.schema, false).map(asText) }, { weight: 1, arbitrary: hostileValue.map(asText) }).map((v) => [p.name, v] as [string, string]);
  const pairs = params.map((p) => fc.option(one(p), { freq: 2 }));
  const extra = fc.array(
    fc.tuple(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "page", "pageSize", "q", "", "[]", "a[b]"), hostileValue.map(asText)),
    { maxLength: 3 },
  );
  const rawTail = fc.oneof({ weight: 8, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom("&%", "&q=%E0%A4%A", "&=&&=", "&page=%00", "&q=%FF") });
  return fc.tuple(fc.tuple(...pairs), extra, rawTail).map(([ps, ex, tail]) => {
    // At most ~6,000 encoded characters, so the request head stays under Node's 16 KiB.
    const parts: string[] = [];
    let size = 0;
    for (const [k, v] of [...ps.filter((p) => p !== null), ...ex]) {
      const part = `${encodeCapped(k, 200)}=${encodeCapped(v, 3_000)}`;
      if (size + part.length > 6_000) continue;
      parts.push(part);
      size += part.length + 1;
    }
    const text = parts.join("&") + tail;
    return text === "" ? "" : `?${text}`;
  });
}
