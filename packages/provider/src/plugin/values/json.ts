/**
 * JSON ⇄ typed values, as Terraform uses JSON for stored state (`RawState.json`, optionally
 * `DynamicValue.json`). Numbers keep their exact decimal text (lossless-json: Node 20's
 * JSON.parse would round `12345678901234567890`). Missing object attributes decode as null, the
 * way Terraform reads state written by an older schema. JSON cannot hold unknowns.
 */
import { LosslessNumber, parse as parseLossless, stringify as stringifyLossless } from "lossless-json";
import { CtyNumber } from "../../cty/number.js";
import { type CtyType, typeFromJson, typeToJson, typeName } from "../../cty/types.js";
import { DynamicVal, Unknown, ValueTypeError, dedupeSet, isRecord, record, type Value } from "../../cty/values.js";

class JsonNumber {
  constructor(readonly text: string) {}
}

export interface JsonDecodeOptions {
  /** Drop object attributes the type does not have (state from an older schema) instead of
   * failing. */
  readonly ignoreUnknownAttributes?: boolean;
}

export function decodeJson(input: string | Uint8Array | undefined, type: CtyType, options: JsonDecodeOptions = {}): Value {
  if (input === undefined || input.length === 0) return null;
  const text = typeof input === "string" ? input : Buffer.from(input).toString("utf8");
  const raw = parseLossless(text, null, (s: string) => new JsonNumber(s));
  return fromJson(raw, type, [], options);
}

export function encodeJson(value: Value, type: CtyType): string {
  return stringifyLossless(toJson(value, type, [])) ?? "null";
}

function fromJson(raw: unknown, type: CtyType, path: (string | number)[], options: JsonDecodeOptions): Value {
  if (raw === null || raw === undefined) return null;
  const mismatch = (): never => {
    throw new ValueTypeError(`JSON value does not match ${typeName(type)}`, path);
  };
  switch (type.kind) {
    case "string":
      return typeof raw === "string" ? raw : mismatch();
    case "number":
      if (raw instanceof JsonNumber) return CtyNumber.parse(raw.text);
      if (typeof raw === "string") return CtyNumber.parse(raw); // cty accepts numbers as strings
      return mismatch();
    case "bool":
      return typeof raw === "boolean" ? raw : mismatch();
    case "list":
    case "set": {
      if (!Array.isArray(raw)) return mismatch();
      const items = raw.map((v, i) => fromJson(v, type.element, [...path, i], options));
      return type.kind === "set" ? dedupeSet(items, type.element) : items;
    }
    case "tuple":
      if (!Array.isArray(raw) || raw.length !== type.elements.length) return mismatch();
      return raw.map((v, i) => fromJson(v, type.elements[i]!, [...path, i], options));
    case "map": {
      if (!isPlainObject(raw)) return mismatch();
      const out = record();
      for (const k of Object.keys(raw)) out[k] = fromJson(raw[k], type.element, [...path, k], options);
      return out;
    }
    case "object": {
      if (!isPlainObject(raw)) return mismatch();
      const out = record();
      for (const name of Object.keys(type.attributes)) {
        out[name] = Object.prototype.hasOwnProperty.call(raw, name) ? fromJson(raw[name], type.attributes[name]!, [...path, name], options) : null;
      }
      if (!options.ignoreUnknownAttributes) {
        for (const k of Object.keys(raw)) if (!(k in type.attributes)) throw new ValueTypeError(`unsupported attribute "${k}"`, path);
      }
      return out;
    }
    case "dynamic": {
      if (!isPlainObject(raw) || !("type" in raw)) return mismatch();
      const concrete = typeFromJson(raw["type"]);
      return new DynamicVal(concrete, fromJson(raw["value"], concrete, path, options));
    }
  }
}

function toJson(value: Value, type: CtyType, path: (string | number)[]): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Unknown) throw new ValueTypeError("unknown values cannot be encoded as JSON", path);
  const mismatch = (): never => {
    throw new ValueTypeError(`value does not match ${typeName(type)}`, path);
  };
  switch (type.kind) {
    case "string":
      return typeof value === "string" ? value : mismatch();
    case "number":
      if (!(value instanceof CtyNumber) || value.isInfinite) return mismatch();
      return new LosslessNumber(value.text);
    case "bool":
      return typeof value === "boolean" ? value : mismatch();
    case "list":
    case "set":
      if (!Array.isArray(value)) return mismatch();
      return value.map((v, i) => toJson(v, type.element, [...path, i]));
    case "tuple":
      if (!Array.isArray(value) || value.length !== type.elements.length) return mismatch();
      return value.map((v, i) => toJson(v, type.elements[i]!, [...path, i]));
    case "map": {
      if (!isRecord(value)) return mismatch();
      const out: Record<string, unknown> = record(); // null prototype: `__proto__` stays an ordinary key
      for (const k of Object.keys(value)) out[k] = toJson(value[k]!, type.element, [...path, k]);
      return out;
    }
    case "object": {
      if (!isRecord(value)) return mismatch();
      const out: Record<string, unknown> = record();
      for (const name of Object.keys(type.attributes)) out[name] = toJson(value[name] ?? null, type.attributes[name]!, [...path, name]);
      return out;
    }
    case "dynamic":
      if (!(value instanceof DynamicVal)) return mismatch();
      return { type: typeToJson(value.type), value: toJson(value.value, value.type, path) };
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}
