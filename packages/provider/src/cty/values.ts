import { CtyNumber } from "./number.js";
import { type CtyType, typeEquals, typeName } from "./types.js";

/**
 * Typed values, interpreted against a CtyType:
 *   null                 null of any type
 *   Unknown              unknown (optionally refined) of any type
 *   string               string
 *   CtyNumber            number (exact decimal)
 *   boolean              bool
 *   Value[]              list, set (no duplicates), tuple
 *   ValueRecord          map (string keys) and object (exactly the type's attributes)
 *   DynamicVal           a value of type `dynamic`: the concrete type travels with it
 */
export type Value = null | Unknown | string | CtyNumber | boolean | Value[] | ValueRecord | DynamicVal;
export interface ValueRecord {
  [key: string]: Value;
}

/** Refinements Terraform attaches to unknowns (msgpack ext 12). All optional. */
export interface Refinements {
  readonly notNull?: boolean;
  readonly stringPrefix?: string;
  readonly numberLower?: { readonly value: CtyNumber; readonly inclusive: boolean };
  readonly numberUpper?: { readonly value: CtyNumber; readonly inclusive: boolean };
  readonly lengthMin?: number;
  readonly lengthMax?: number;
}

export class Unknown {
  constructor(readonly refinements: Refinements = {}) {}
  get isRefined(): boolean {
    return Object.keys(this.refinements).length > 0;
  }
}

/** The plain, unrefined unknown. */
export const UNKNOWN: Unknown = Object.freeze(new Unknown()) as Unknown;

export class DynamicVal {
  constructor(
    readonly type: CtyType,
    readonly value: Value,
  ) {}
}

export function isUnknown(v: Value | undefined): v is Unknown {
  return v instanceof Unknown;
}

/** A null-prototype record, safe for any key (including `__proto__`). */
export function record(entries?: Iterable<readonly [string, Value]> | Record<string, Value>): ValueRecord {
  const out: ValueRecord = Object.create(null);
  if (!entries) return out;
  const iter = Symbol.iterator in entries ? (entries as Iterable<readonly [string, Value]>) : Object.entries(entries);
  for (const [k, v] of iter) out[k] = v;
  return out;
}

export function isRecord(v: Value | undefined): v is ValueRecord {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Unknown) &&
    !(v instanceof CtyNumber) &&
    !(v instanceof DynamicVal)
  );
}

/** The value with every unknown inside it replaced by null (what a provider reports for values
 * the remote system does not have after an apply). */
export function unknownsToNull(v: Value): Value {
  if (v instanceof Unknown) return null;
  if (Array.isArray(v)) return v.map(unknownsToNull);
  if (isRecord(v)) return record(Object.entries(v).map(([k, x]) => [k, unknownsToNull(x)] as const));
  return v;
}

/** True when the value and everything inside it is known. */
export function isWhollyKnown(v: Value): boolean {
  if (v instanceof Unknown) return false;
  if (v instanceof DynamicVal) return isWhollyKnown(v.value);
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (isRecord(v)) {
    for (const k in v) if (!isWhollyKnown(v[k]!)) return false;
  }
  return true;
}

/** Structural equality. Unknowns are equal only to unknowns (refinements ignored). Sets compare
 * without order when a type is given. */
export function valueEquals(a: Value, b: Value, type?: CtyType): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof Unknown || b instanceof Unknown) return a instanceof Unknown && b instanceof Unknown;
  if (a instanceof CtyNumber || b instanceof CtyNumber) return a instanceof CtyNumber && b instanceof CtyNumber && a.equals(b);
  if (a instanceof DynamicVal || b instanceof DynamicVal) {
    return a instanceof DynamicVal && b instanceof DynamicVal && typeEquals(a.type, b.type) && valueEquals(a.value, b.value, a.type);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    if (type?.kind === "set") {
      const used = new Array<boolean>(b.length).fill(false);
      return a.every((x) => {
        const i = b.findIndex((y, j) => !used[j] && valueEquals(x, y, type.element));
        if (i < 0) return false;
        used[i] = true;
        return true;
      });
    }
    const elementType = (i: number): CtyType | undefined =>
      type?.kind === "list" ? type.element : type?.kind === "tuple" ? type.elements[i] : undefined;
    return a.every((x, i) => valueEquals(x, b[i]!, elementType(i)));
  }
  if (isRecord(a) && isRecord(b)) {
    const ak = Object.keys(a);
    if (ak.length !== Object.keys(b).length) return false;
    return ak.every(
      (k) =>
        k in b &&
        valueEquals(a[k]!, b[k]!, type?.kind === "map" ? type.element : type?.kind === "object" ? type.attributes[k] : undefined),
    );
  }
  return false;
}

export class ValueTypeError extends Error {
  override readonly name = "ValueTypeError";
  constructor(
    message: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(path.length ? `${formatPath(path)}: ${message}` : message);
  }
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/**
 * Checks that a value conforms to a type, recursively; throws ValueTypeError with the path of the
 * first mismatch. Objects must have exactly the type's attributes (what Terraform demands).
 */
export function assertConforms(value: Value, type: CtyType, path: (string | number)[] = []): void {
  if (value === null || value instanceof Unknown) return;
  const fail = (what: string): never => {
    throw new ValueTypeError(`expected ${typeName(type)}, got ${what}`, path);
  };
  switch (type.kind) {
    case "string":
      if (typeof value !== "string") fail(describe(value));
      return;
    case "number":
      if (!(value instanceof CtyNumber)) fail(describe(value));
      return;
    case "bool":
      if (typeof value !== "boolean") fail(describe(value));
      return;
    case "dynamic":
      if (!(value instanceof DynamicVal)) fail(describe(value));
      assertConforms((value as DynamicVal).value, (value as DynamicVal).type, path);
      return;
    case "list":
    case "set":
      if (!Array.isArray(value)) fail(describe(value));
      (value as Value[]).forEach((v, i) => assertConforms(v, type.element, [...path, i]));
      return;
    case "tuple":
      if (!Array.isArray(value) || value.length !== type.elements.length) fail(describe(value));
      (value as Value[]).forEach((v, i) => assertConforms(v, type.elements[i]!, [...path, i]));
      return;
    case "map":
      if (!isRecord(value)) fail(describe(value));
      for (const k of Object.keys(value as ValueRecord)) assertConforms((value as ValueRecord)[k]!, type.element, [...path, k]);
      return;
    case "object": {
      if (!isRecord(value)) fail(describe(value));
      const rec = value as ValueRecord;
      for (const k of Object.keys(type.attributes)) {
        if (!(k in rec)) throw new ValueTypeError(`missing attribute "${k}"`, path);
        assertConforms(rec[k]!, type.attributes[k]!, [...path, k]);
      }
      for (const k of Object.keys(rec)) if (!(k in type.attributes)) throw new ValueTypeError(`unsupported attribute "${k}"`, path);
      return;
    }
  }
}

function describe(v: Value): string {
  if (v instanceof CtyNumber) return "number";
  if (v instanceof DynamicVal) return "dynamic value";
  if (Array.isArray(v)) return `a sequence of ${v.length}`;
  if (isRecord(v)) return "an object";
  return typeof v;
}

/** Removes duplicate set elements (first occurrence wins). As in cty, an element that is not
 * wholly known is never a duplicate: two unknowns may turn out to be different values. */
export function dedupeSet(values: Value[], element: CtyType): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!isWhollyKnown(v) || !out.some((o) => valueEquals(o, v, element))) out.push(v);
  return out;
}
