/**
 * Helpers for resource objects (values of a block's implied type).
 */
import { isRecord, record, type Value, type ValueRecord } from "../cty/values.js";
import type { Block, NestedBlock } from "./schema.js";

/**
 * Returns the object with every attribute and block key present, as Terraform requires: missing
 * attributes become null, missing list/set blocks `[]`, map blocks `{}`, single blocks null,
 * group blocks an object of nulls. Nested block elements are completed too.
 */
export function completeObject(b: Block, value: ValueRecord | null | undefined): ValueRecord {
  const out = record();
  const source = value ?? record();
  for (const name of Object.keys(b.attributes)) out[name] = source[name] ?? null;
  for (const [name, nb] of Object.entries(b.blocks ?? {})) out[name] = completeBlockValue(nb, source[name] ?? null);
  return out;
}

function completeBlockValue(nb: NestedBlock, v: Value): Value {
  switch (nb.nesting) {
    case "single":
      return isRecord(v) ? completeObject(nb.block, v) : v;
    case "group":
      return completeObject(nb.block, isRecord(v) ? v : null);
    case "list":
    case "set":
      if (v === null) return [];
      return Array.isArray(v) ? v.map((e) => (isRecord(e) ? completeObject(nb.block, e) : e)) : v;
    case "map": {
      if (v === null) return record();
      if (!isRecord(v)) return v;
      const out = record();
      for (const k of Object.keys(v)) out[k] = isRecord(v[k]!) ? completeObject(nb.block, v[k] as ValueRecord) : v[k]!;
      return out;
    }
  }
}

export function getString(obj: ValueRecord | null | undefined, name: string): string | null {
  const v = obj?.[name];
  return typeof v === "string" ? v : null;
}

export function getBool(obj: ValueRecord | null | undefined, name: string): boolean | null {
  const v = obj?.[name];
  return typeof v === "boolean" ? v : null;
}

export function getStrings(obj: ValueRecord | null | undefined, name: string): string[] | null {
  const v = obj?.[name];
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null;
}
