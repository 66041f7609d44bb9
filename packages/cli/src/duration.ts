/**
 * Durations on the command line, as Go (and so Terraform) writes them: `500ms`, `2s`, `1.5s`,
 * `2m`, `1m30s`, `1h`. A bare number is seconds (`--interval 2`).
 */

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

export const DURATION_FORMS = "a number of seconds or a duration such as 500ms, 2s, 1.5s, 2m, 1m30s, 1h";

/** Milliseconds, or undefined when `text` is not a non-negative duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1_000;
  // Go's time.ParseDuration: one or more <decimal><unit> terms (https://pkg.go.dev/time#ParseDuration).
  if (!/^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(s)) return undefined;
  let ms = 0;
  for (const [, n, unit] of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) ms += Number(n) * UNIT_MS[unit!]!;
  return ms;
}
