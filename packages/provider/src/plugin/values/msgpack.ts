/**
 * DynamicValue msgpack ⇄ typed values, driven by the cty type (Terraform's object-wire-format):
 * nil = null; any extension = unknown (type 12 carries refinements); numbers as int, float64 or
 * decimal string; objects as maps holding exactly their attributes; dynamic as [type JSON, value].
 *
 * Decoding uses msgpackr (maps come back as `Map`, so a `__proto__` key is just a key; every
 * extension type can be captured). Encoding uses @msgpack/msgpack (`ExtData` writes any extension
 * type, including 0, which msgpackr refuses to register for packing).
 */
import { ExtData, Encoder } from "@msgpack/msgpack";
import { Unpackr, addExtension } from "msgpackr";
import { CtyNumber } from "../../cty/number.js";
import { type CtyType, typeFromJson, typeToJsonString, typeName } from "../../cty/types.js";
import {
  DynamicVal,
  Unknown,
  UNKNOWN,
  ValueTypeError,
  dedupeSet,
  isRecord,
  record,
  type Refinements,
  type Value,
} from "../../cty/values.js";

/** Marker produced for every msgpack extension while decoding. */
class ExtMarker {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}

// msgpackr keeps extension decoders in a module-wide table: claim all 128 application types so
// none of msgpackr's own extensions (records, typed arrays, …) can reinterpret Terraform data.
for (let type = 0; type < 128; type++) {
  addExtension({ type, unpack: (data: Uint8Array) => new ExtMarker(type, data) });
}

const unpackr = new Unpackr({ mapsAsObjects: false, useRecords: false, int64AsType: "bigint" } as ConstructorParameters<typeof Unpackr>[0]);
const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: false });

const REFINEMENT_NULLNESS = 1;
const REFINEMENT_STRING_PREFIX = 2;
const REFINEMENT_NUMBER_LOWER = 3;
const REFINEMENT_NUMBER_UPPER = 4;
const REFINEMENT_LENGTH_LOWER = 5;
const REFINEMENT_LENGTH_UPPER = 6;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Decodes msgpack bytes against a type. Empty input is null (an absent DynamicValue). */
export function decodeMsgpack(bytes: Uint8Array | undefined, type: CtyType): Value {
  if (!bytes || bytes.length === 0) return null;
  return fromRaw(unpackr.unpack(bytes) as unknown, type, []);
}

/** Encodes a typed value as msgpack. Objects always carry every attribute of their type. */
export function encodeMsgpack(value: Value, type: CtyType): Uint8Array {
  return encoder.encode(toRaw(value, type, []));
}

function fromRaw(raw: unknown, type: CtyType, path: (string | number)[]): Value {
  if (raw instanceof ExtMarker) return raw.type === 12 ? new Unknown(decodeRefinements(raw.data)) : UNKNOWN;
  if (raw === null || raw === undefined) return null;
  const mismatch = (): never => {
    throw new ValueTypeError(`msgpack value does not match ${typeName(type)}`, path);
  };
  switch (type.kind) {
    case "string":
      if (typeof raw === "string") return raw;
      if (raw instanceof Uint8Array) return Buffer.from(raw).toString("utf8");
      return mismatch();
    case "number":
      if (typeof raw === "number") return CtyNumber.fromDouble(raw);
      if (typeof raw === "bigint") return CtyNumber.fromBigInt(raw);
      if (typeof raw === "string") return CtyNumber.parse(raw);
      return mismatch();
    case "bool":
      if (typeof raw === "boolean") return raw;
      return mismatch();
    case "list":
    case "set": {
      if (!Array.isArray(raw)) return mismatch();
      const items = raw.map((item, i) => fromRaw(item, type.element, [...path, i]));
      return type.kind === "set" ? dedupeSet(items, type.element) : items;
    }
    case "tuple": {
      if (!Array.isArray(raw) || raw.length !== type.elements.length) return mismatch();
      return raw.map((item, i) => fromRaw(item, type.elements[i]!, [...path, i]));
    }
    case "map": {
      if (!(raw instanceof Map)) return mismatch();
      const out = record();
      for (const [k, v] of raw) out[String(k)] = fromRaw(v, type.element, [...path, String(k)]);
      return out;
    }
    case "object": {
      if (!(raw instanceof Map)) return mismatch();
      const out = record();
      for (const name of Object.keys(type.attributes)) {
        out[name] = raw.has(name) ? fromRaw(raw.get(name), type.attributes[name]!, [...path, name]) : null;
      }
      for (const k of raw.keys()) {
        if (!(String(k) in type.attributes)) throw new ValueTypeError(`unsupported attribute "${String(k)}"`, path);
      }
      return out;
    }
    case "dynamic": {
      if (!Array.isArray(raw) || raw.length !== 2) return mismatch();
      const [typeBytes, inner] = raw as [unknown, unknown];
      const json = typeBytes instanceof Uint8Array ? Buffer.from(typeBytes).toString("utf8") : typeBytes;
      if (typeof json !== "string") return mismatch();
      const concrete = typeFromJson(JSON.parse(json));
      return new DynamicVal(concrete, fromRaw(inner, concrete, path));
    }
  }
}

function toRaw(value: Value, type: CtyType, path: (string | number)[]): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Unknown) return value.isRefined ? new ExtData(12, encodeRefinements(value.refinements)) : new ExtData(0, new Uint8Array([0]));
  const mismatch = (): never => {
    throw new ValueTypeError(`value does not match ${typeName(type)}`, path);
  };
  switch (type.kind) {
    case "string":
      return typeof value === "string" ? value : mismatch();
    case "number":
      return value instanceof CtyNumber ? numberToRaw(value) : mismatch();
    case "bool":
      return typeof value === "boolean" ? value : mismatch();
    case "list":
    case "set":
      if (!Array.isArray(value)) return mismatch();
      return (type.kind === "set" ? dedupeSet(value, type.element) : value).map((v, i) => toRaw(v, type.element, [...path, i]));
    case "tuple":
      if (!Array.isArray(value) || value.length !== type.elements.length) return mismatch();
      return value.map((v, i) => toRaw(v, type.elements[i]!, [...path, i]));
    case "map": {
      if (!isRecord(value)) return mismatch();
      const out: Record<string, unknown> = record(); // null prototype: `__proto__` stays an ordinary key
      for (const k of Object.keys(value)) out[k] = toRaw(value[k]!, type.element, [...path, k]);
      return out;
    }
    case "object": {
      if (!isRecord(value)) return mismatch();
      for (const k of Object.keys(value)) {
        if (!(k in type.attributes)) throw new ValueTypeError(`unsupported attribute "${k}"`, path);
      }
      const out: Record<string, unknown> = record();
      for (const name of Object.keys(type.attributes)) out[name] = toRaw(value[name] ?? null, type.attributes[name]!, [...path, name]);
      return out;
    }
    case "dynamic":
      if (!(value instanceof DynamicVal)) return mismatch();
      return [Buffer.from(typeToJsonString(value.type), "utf8"), toRaw(value.value, value.type, path)];
  }
}

/** int when it fits int64/uint64, float64 when a double holds it exactly, else decimal text. */
function numberToRaw(n: CtyNumber): unknown {
  if (n.isInteger) {
    const big = n.toBigInt();
    if (big >= -(2n ** 31n) && big < 2n ** 31n) return Number(big);
    if (big >= INT64_MIN && big <= UINT64_MAX) return big;
    return n.text;
  }
  if (n.isInfinite) return n.toNumber();
  return n.isExactDouble ? n.toNumber() : n.text;
}

function decodeRefinements(data: Uint8Array): Refinements {
  let raw: unknown;
  try {
    raw = unpackr.unpack(data);
  } catch {
    return {};
  }
  if (!(raw instanceof Map)) return {};
  const out: { -readonly [K in keyof Refinements]: Refinements[K] } = {};
  const bound = (v: unknown) => {
    if (!Array.isArray(v) || v.length !== 2) return undefined;
    const [num, inclusive] = v as [unknown, unknown];
    const value =
      typeof num === "number" ? CtyNumber.fromDouble(num) : typeof num === "bigint" ? CtyNumber.fromBigInt(num) : typeof num === "string" ? CtyNumber.parse(num) : undefined;
    return value ? { value, inclusive: inclusive === true } : undefined;
  };
  for (const [key, v] of raw) {
    switch (Number(key)) {
      case REFINEMENT_NULLNESS:
        if (typeof v === "boolean") out.notNull = !v ? true : false;
        break;
      case REFINEMENT_STRING_PREFIX:
        if (typeof v === "string") out.stringPrefix = v;
        break;
      case REFINEMENT_NUMBER_LOWER: {
        const b = bound(v);
        if (b) out.numberLower = b;
        break;
      }
      case REFINEMENT_NUMBER_UPPER: {
        const b = bound(v);
        if (b) out.numberUpper = b;
        break;
      }
      case REFINEMENT_LENGTH_LOWER:
        if (typeof v === "number" || typeof v === "bigint") out.lengthMin = Number(v);
        break;
      case REFINEMENT_LENGTH_UPPER:
        if (typeof v === "number" || typeof v === "bigint") out.lengthMax = Number(v);
        break;
      default:
        break; // unknown refinement keys are ignored, as cty does
    }
  }
  if (out.notNull === false) delete out.notNull;
  return out;
}

function encodeRefinements(r: Refinements): Uint8Array {
  // cty keys this map by small integers; JS object keys are strings, so the map is assembled
  // from individually encoded keys and values behind a fixmap header (at most 6 entries).
  const entries: [number, unknown][] = [];
  // key 1 is "is null": false means "definitely not null".
  if (r.notNull) entries.push([REFINEMENT_NULLNESS, false]);
  if (r.stringPrefix !== undefined) entries.push([REFINEMENT_STRING_PREFIX, r.stringPrefix]);
  if (r.numberLower) entries.push([REFINEMENT_NUMBER_LOWER, [numberToRaw(r.numberLower.value), r.numberLower.inclusive]]);
  if (r.numberUpper) entries.push([REFINEMENT_NUMBER_UPPER, [numberToRaw(r.numberUpper.value), r.numberUpper.inclusive]]);
  if (r.lengthMin !== undefined) entries.push([REFINEMENT_LENGTH_LOWER, r.lengthMin]);
  if (r.lengthMax !== undefined) entries.push([REFINEMENT_LENGTH_UPPER, r.lengthMax]);
  const parts = [Uint8Array.of(0x80 | entries.length)];
  for (const [key, value] of entries) parts.push(encoder.encode(key), encoder.encode(value));
  return Buffer.concat(parts);
}
