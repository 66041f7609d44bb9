/**
 * Walks a configuration object and runs attribute validators on known, non-null values,
 * descending into nested attributes and blocks with precise paths.
 */
import { isRecord, isUnknown, type Value, type ValueRecord } from "../cty/values.js";
import type { Diagnostics } from "./diagnostics.js";
import type { AttributePath, PathStep } from "./path.js";
import { nestingOf, type Block, type Nesting } from "./schema.js";
import type { Validator } from "./validators.js";

export function validateObject(b: Block, config: ValueRecord, diagnostics: Diagnostics): void {
  walkBlock(b, config, [], config, diagnostics);
}

function run(validators: readonly Validator[] | undefined, value: Value, path: AttributePath, root: ValueRecord, diagnostics: Diagnostics): void {
  if (!validators || value === null || isUnknown(value)) return;
  for (const v of validators) v.validate({ value, path, config: root, diagnostics });
}

function walkBlock(b: Block, obj: ValueRecord, path: AttributePath, root: ValueRecord, diagnostics: Diagnostics): void {
  for (const [name, a] of Object.entries(b.attributes)) {
    const p: AttributePath = [...path, { kind: "attribute", name }];
    const v = obj[name] ?? null;
    run(a.validators, v, p, root, diagnostics);
    if (a.nested) walkNested(a.nested.nesting, v, p, (element, ep) => walkBlock({ attributes: a.nested!.attributes }, element, ep, root, diagnostics));
  }
  for (const [name, nb] of Object.entries(b.blocks ?? {})) {
    const p: AttributePath = [...path, { kind: "attribute", name }];
    const v = obj[name] ?? null;
    run(nb.validators, v, p, root, diagnostics);
    walkNested(nestingOf(nb), v, p, (element, ep) => walkBlock(nb.block, element, ep, root, diagnostics));
  }
}

/** Calls `visit` for each known object element of a nested value. */
export function walkNested(nesting: Nesting, v: Value, path: AttributePath, visit: (element: ValueRecord, path: AttributePath) => void): void {
  if (v === null || isUnknown(v)) return;
  switch (nesting) {
    case "single":
      if (isRecord(v)) visit(v, path);
      return;
    case "list":
    case "set":
      if (!Array.isArray(v)) return;
      v.forEach((e, i) => {
        const step: PathStep[] = nesting === "list" ? [{ kind: "index", index: i }] : [];
        if (isRecord(e)) visit(e, [...path, ...step]);
      });
      return;
    case "map":
      if (!isRecord(v)) return;
      for (const k of Object.keys(v)) {
        const e = v[k]!;
        if (isRecord(e)) visit(e, [...path, { kind: "key", key: k }]);
      }
      return;
  }
}
