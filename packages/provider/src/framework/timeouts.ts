/**
 * The `timeouts` block (SDKv2 style: a single nested block of optional strings such as
 * `create = "1h30m"`), Go-style duration parsing, and validation at plan time so a typo fails
 * `terraform validate` instead of a 2-hour apply.
 */
import { isRecord, type Value } from "../cty/values.js";
import { attr, block, type NestedBlock } from "./schema.js";
import { invalidValue, validator } from "./validators.js";

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  "μs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration (`time.ParseDuration`): a sequence of decimal numbers with units `ns`,
 * `us`/`µs`, `ms`, `s`, `m`, `h` — `"300ms"`, `"1.5h"`, `"2h45m"`. Returns milliseconds, or
 * undefined when the text is not a duration. Negative durations are rejected (a timeout must be
 * positive).
 */
export function parseGoDuration(input: string): number | undefined {
  const text = input.startsWith("+") ? input.slice(1) : input; // Go accepts a leading "+"
  if (text === "0") return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed = re.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) return undefined;
  return total;
}

/** Formats milliseconds the way Go prints durations (`1h0m0s`, `2m30s`, `500ms`). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

export type TimeoutOperation = "create" | "read" | "update" | "delete";

export const durationValidator = validator('a Go duration such as "30m", "1h30m" or "90s"', (req) => {
  if (typeof req.value !== "string") return;
  const ms = parseGoDuration(req.value);
  if (ms === undefined) {
    invalidValue(req, `Expected a duration such as "30m", "1h30m" or "90s" (units: h, m, s, ms); got ${JSON.stringify(req.value)}.`);
  } else if (ms <= 0) {
    invalidValue(req, `A timeout must be longer than zero; got ${JSON.stringify(req.value)}.`);
  }
});

/** The `timeouts { create = …, … }` block with the given operations and their defaults (for the
 * descriptions; the defaults are applied by `timeoutFor`). */
export function timeoutsBlock(defaults: Partial<Record<TimeoutOperation, string>>): NestedBlock {
  const attributes: Record<string, ReturnType<typeof attr.string>> = {};
  for (const [op, def] of Object.entries(defaults)) {
    attributes[op] = attr.string({
      optional: true,
      description: `How long to wait for the ${op} to finish (a duration such as "30m"; default ${def}).`,
      validators: [durationValidator],
    });
  }
  return block.single({ attributes }, { description: "Operation timeouts." });
}

/** The timeout of an operation from a resource object (plan or state), or the default. */
export function timeoutFor(object: Value, op: TimeoutOperation, fallback: string): number {
  const timeouts = isRecord(object) ? object["timeouts"] : null;
  const configured = isRecord(timeouts) ? timeouts[op] : null;
  const text = typeof configured === "string" ? configured : fallback;
  const ms = parseGoDuration(text);
  return ms !== undefined && ms > 0 ? ms : (parseGoDuration(fallback) ?? 0);
}
