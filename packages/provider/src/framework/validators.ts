/**
 * Attribute validators. The framework calls them for known, non-null values only — during
 * ValidateResourceConfig, and again while planning, when values unknown at validation time
 * (`project_id = some_resource.id`) have become known. Messages name what is accepted.
 */
import { CtyNumber } from "../cty/number.js";
import { isUnknown, type Value, type ValueRecord } from "../cty/values.js";
import type { Diagnostics } from "./diagnostics.js";
import { formatPath, type AttributePath } from "./path.js";

export interface ValidatorRequest {
  /** Known and non-null. */
  readonly value: Value;
  readonly path: AttributePath;
  /** The whole configuration object (may hold unknowns). */
  readonly config: ValueRecord;
  readonly diagnostics: Diagnostics;
}

export interface Validator {
  readonly description: string;
  validate(req: ValidatorRequest): void;
}

export function invalidValue(req: ValidatorRequest, detail: string): void {
  req.diagnostics.addError(`Invalid value for ${formatPath(req.path)}`, detail, req.path);
}

const quote = (s: string) => JSON.stringify(s);

export function oneOf(allowed: readonly string[], options: { caseSensitive?: boolean } = {}): Validator {
  const caseSensitive = options.caseSensitive ?? true;
  const list = allowed.map(quote).join(", ");
  return {
    description: `one of ${list}`,
    validate(req) {
      if (typeof req.value !== "string") return;
      const v = req.value;
      const ok = caseSensitive ? allowed.includes(v) : allowed.some((a) => a.toLowerCase() === v.toLowerCase());
      if (ok) return;
      const hint = caseSensitive && allowed.some((a) => a.toLowerCase() === v.toLowerCase()) ? " Values are case-sensitive." : "";
      invalidValue(req, `Expected one of ${list}; got ${quote(v)}.${hint}`);
    },
  };
}

export function matches(pattern: RegExp, expected: string): Validator {
  return {
    description: expected,
    validate(req) {
      if (typeof req.value === "string" && !pattern.test(req.value)) invalidValue(req, `Expected ${expected}; got ${quote(req.value)}.`);
    },
  };
}

export function notEmpty(): Validator {
  return {
    description: "a non-empty string",
    validate(req) {
      if (typeof req.value === "string" && req.value.trim() === "") invalidValue(req, "Expected a non-empty string.");
    },
  };
}

export function sizeAtMost(max: number): Validator {
  return {
    description: `at most ${max} elements`,
    validate(req) {
      if (Array.isArray(req.value) && req.value.length > max) invalidValue(req, `Expected at most ${max} elements; got ${req.value.length}.`);
    },
  };
}

export function numberBetween(min: number, max: number): Validator {
  return {
    description: `a number from ${min} to ${max}`,
    validate(req) {
      if (!(req.value instanceof CtyNumber)) return;
      const n = req.value.toNumber();
      if (n < min || n > max) invalidValue(req, `Expected a number from ${min} to ${max}; got ${req.value.text}.`);
    },
  };
}

/** Applies a validator to each known element of a list or set (the path stays on the collection
 * for sets, which have no element steps). */
export function eachElement(inner: Validator, collection: "list" | "set" = "list"): Validator {
  return {
    description: `each element: ${inner.description}`,
    validate(req) {
      if (!Array.isArray(req.value)) return;
      req.value.forEach((element, i) => {
        if (element === null || isUnknown(element)) return;
        inner.validate({ ...req, value: element, path: collection === "list" ? [...req.path, { kind: "index", index: i }] : req.path });
      });
    },
  };
}

/** A free-form validator. */
export function validator(description: string, validate: (req: ValidatorRequest) => void): Validator {
  return { description, validate };
}
