/**
 * Attribute validators. The framework calls them for known, non-null values only — during
 * ValidateResourceConfig, and again while planning, when values unknown at validation time
 * (`project_id = some_resource.id`) have become known. Messages name what is accepted.
 */
import type { Value, ValueRecord } from "../cty/values.js";
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

export function sizeAtMost(max: number): Validator {
  return {
    description: `at most ${max} elements`,
    validate(req) {
      if (Array.isArray(req.value) && req.value.length > max) invalidValue(req, `Expected at most ${max} elements; got ${req.value.length}.`);
    },
  };
}

/** A free-form validator. */
export function validator(description: string, validate: (req: ValidatorRequest) => void): Validator {
  return { description, validate };
}
