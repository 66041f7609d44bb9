/**
 * Durations on the command line, as Go (and so Terraform) writes them: `500ms`, `2s`, `1.5s`,
 * `2m`, `1m30s`, `1h` — parsed by the provider's parseGoDuration, the one its timeouts use. The
 * CLI's own rule on top: a bare number is seconds (`--interval 2`).
 */
import { parseGoDuration } from "@atlas-privatelink/provider/framework";

export const DURATION_FORMS = "a number of seconds or a duration such as 500ms, 2s, 1.5s, 2m, 1m30s, 1h";

/** Milliseconds, or undefined when `text` is not a non-negative duration. */
export function parseDuration(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1_000;
  return parseGoDuration(text);
}
