// Typed JSON: plain JSON turns a Date into a string, drops undefined and cannot hold a
// BigInt, a Map, a Set or bytes. We encode those as small tagged objects ({ "$t": "Date", ... })
// so a cached value comes back with the types it went in with (bytes, a Buffer or any
// Uint8Array, as base64, come back as a Buffer). Anything else (class instances, other typed
// arrays) is stored the way JSON.stringify would store it.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TAG = "$t";

export function serialize(value: unknown): string {
  return JSON.stringify(encode(value, false));
}

export function deserialize(text: string): unknown {
  return decode(JSON.parse(text) as Json);
}

// Object keys sorted, so equal arguments give equal text whatever order they were written in.
export function stableSerialize(value: unknown): string {
  // A memoized call's arguments are mostly ids and slugs: those encode as themselves.
  if (Array.isArray(value) && value.every(isPlainScalar)) return JSON.stringify(value);
  return JSON.stringify(encode(value, true));
}

function isPlainScalar(value: unknown): boolean {
  const type = typeof value;
  return type === "string" || type === "boolean" || value === null || Number.isFinite(value);
}

export function encode(value: unknown, sortKeys: boolean, ancestors = new Set<object>()): Json {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : { [TAG]: "Number", v: String(value) };
    case "bigint":
      return { [TAG]: "BigInt", v: value.toString() };
    case "undefined":
      return { [TAG]: "undefined" };
    case "object":
      return value === null ? null : encodeObject(value, sortKeys, ancestors);
    default:
      throw new TypeError(`a ${typeof value} cannot be cached`);
  }
}

function encodeObject(value: object, sortKeys: boolean, ancestors: Set<object>): Json {
  if (ancestors.has(value)) throw new TypeError("a circular structure cannot be cached");
  ancestors.add(value);
  try {
    const inner = (item: unknown) => encode(item, sortKeys, ancestors);
    if (value instanceof Date) {
      const time = value.getTime();
      return { [TAG]: "Date", v: Number.isNaN(time) ? null : time };
    }
    if (value instanceof Uint8Array) {
      return {
        [TAG]: "Bytes",
        v: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"),
      };
    }
    if (Array.isArray(value)) return Array.from(value, inner);
    if (value instanceof Map) {
      return { [TAG]: "Map", v: Array.from(value, ([k, v]) => [inner(k), inner(v)]) };
    }
    if (value instanceof Set) return { [TAG]: "Set", v: Array.from(value, inner) };
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return inner(toJSON.call(value));

    const keys = Object.keys(value);
    if (sortKeys) keys.sort();
    const record = value as Record<string, unknown>;
    // fromEntries defines own properties, so a "__proto__" key stays data, not a prototype.
    const plain = Object.fromEntries(keys.map((key) => [key, inner(record[key])])) as {
      [key: string]: Json;
    };
    // A user object that happens to have a "$t" key is wrapped, so it is never read as a tag.
    return Object.hasOwn(plain, TAG) ? { [TAG]: "Object", v: plain } : plain;
  } finally {
    ancestors.delete(value);
  }
}

// In place: `json` comes fresh from JSON.parse and belongs to no one else, so plain objects and
// arrays are kept, and only tagged values inside them are replaced (a hit's hot path: no copy).
export function decode(json: Json): unknown {
  if (json === null || typeof json !== "object") return json;
  if (Array.isArray(json)) {
    for (let i = 0; i < json.length; i++) json[i] = decodeInner(json[i]);
    return json;
  }
  if (!Object.hasOwn(json, TAG)) return decodePlain(json);

  const v = json.v;
  switch (json[TAG]) {
    case "Date":
      return new Date(v === null ? Number.NaN : (v as number));
    case "BigInt":
      return BigInt(v as string);
    case "undefined":
      return undefined;
    case "Number":
      return Number(v);
    case "Map":
      return new Map((v as [Json, Json][]).map(([k, val]) => [decode(k), decode(val)]));
    case "Set":
      return new Set((v as Json[]).map(decode));
    case "Bytes":
      return Buffer.from(v as string, "base64");
    case "Object":
      return decodePlain(v as { [key: string]: Json });
    default:
      throw new TypeError(`unknown cached type tag ${String(json[TAG])}`);
  }
}

function decodePlain(json: { [key: string]: Json }): Record<string, unknown> {
  for (const key of Object.keys(json)) {
    const value = json[key];
    const decoded = decodeInner(value);
    if (decoded === value) continue;
    // Assigning to "__proto__" would set a prototype, so that key is defined as data instead;
    // only that one: defineProperty on a parsed object costs far more than assignment (0.5 to
    // 1 µs a hit for bench/cache.ts's post, whose one Date is its only tagged value).
    if (key === "__proto__")
      Object.defineProperty(json, key, {
        value: decoded,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    else json[key] = decoded as Json;
  }
  return json;
}

// Scalars are themselves: only objects and arrays need a look.
function decodeInner(json: Json): Json {
  return json !== null && typeof json === "object" ? (decode(json) as Json) : json;
}
