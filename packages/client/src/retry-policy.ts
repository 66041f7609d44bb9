/**
 * The one retry policy of the client: a pure function of (attempt, outcome, idempotent, elapsed)
 * to a decision. No clock, no sleeping, no randomness of its own (the jitter draw is an input), so
 * it is tested as a table (retry-policy.test.ts) and the executor only carries the decision out.
 *
 * Rules (issue 4, atlas-api.md §9):
 * - 429 is retried for every method: Atlas rejected the request without acting on it. The delay
 *   is `Retry-After` when present (seconds or HTTP date, parsed by the caller), else the backoff.
 * - 500, 502, 503, 504, network errors and attempt timeouts are retried only for idempotent calls
 *   (a POST may have been carried out; creates handle that with their own recovery, see
 *   client.ts). A network error that certainly happened before the request left (connection
 *   refused, DNS) is safe to retry for any method. 503 honours `Retry-After` too.
 * - Backoff is exponential, capped, with "equal jitter": half the step is fixed, half is random,
 *   so retries never collapse to zero delay and never synchronise across clients.
 * - Bounded: at most `maxAttempts` attempts, no retry whose delay would end past `maxElapsedMs`
 *   after the first attempt started, or past the call's deadline, and no `Retry-After` longer
 *   than `maxRetryAfterMs`.
 */

export interface RetryOptions {
  /** Attempts in total, the first included. 1 disables retries. */
  readonly maxAttempts: number;
  /** Backoff step of the first retry. */
  readonly baseDelayMs: number;
  /** Cap of one backoff step. */
  readonly maxDelayMs: number;
  /** No retry is scheduled to start later than this after the first attempt began. */
  readonly maxElapsedMs: number;
  /** A longer `Retry-After` is not waited for: the 429/503 is returned instead. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 1_000, // ms
  maxDelayMs: 15_000, // ms
  maxElapsedMs: 120_000, // ms
  maxRetryAfterMs: 120_000, // ms
};

/** What happened to one attempt that did not succeed. */
export type AttemptOutcome =
  /** An HTTP response with a non-2xx status. */
  | { readonly kind: "status"; readonly status: number; readonly retryAfterMs?: number | undefined }
  /** The connection failed. `requestMayHaveBeenSent: false` = failed before anything was sent. */
  | { readonly kind: "network"; readonly requestMayHaveBeenSent: boolean }
  /** The attempt exceeded its own time limit (the request may have been carried out). */
  | { readonly kind: "timeout" };

export interface RetryInput {
  /** 1-based number of the attempt that just failed. */
  readonly attempt: number;
  readonly outcome: AttemptOutcome;
  /** Whether repeating the request cannot do harm (GET, DELETE, PATCH here; see client.ts). */
  readonly idempotent: boolean;
  /** Time since the first attempt started. */
  readonly elapsedMs: number;
  /** Time left before the call's deadline, if it has one. */
  readonly remainingMs?: number | undefined;
  /** A uniform draw in [0, 1) for the jitter. */
  readonly random: number;
}

export type RetryReason = "rate-limited" | "server-error" | "network-error" | "attempt-timeout";
export type StopReason =
  | "not-retryable-status"
  | "not-idempotent"
  | "attempts-exhausted"
  | "time-budget-exhausted"
  | "retry-after-too-long";

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly reason: RetryReason }
  | { readonly retry: false; readonly reason: StopReason };

/** Statuses that mean "the server could not serve this now" (retried for idempotent calls). */
export const RETRYABLE_SERVER_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export function decideRetry(input: RetryInput, options: RetryOptions = DEFAULT_RETRY_OPTIONS): RetryDecision {
  const { outcome } = input;
  let reason: RetryReason;
  let retryAfterMs: number | undefined;
  switch (outcome.kind) {
    case "status":
      if (outcome.status === 429) {
        reason = "rate-limited";
        retryAfterMs = outcome.retryAfterMs;
      } else if (RETRYABLE_SERVER_STATUSES.has(outcome.status)) {
        if (!input.idempotent) return { retry: false, reason: "not-idempotent" };
        reason = "server-error";
        if (outcome.status === 503) retryAfterMs = outcome.retryAfterMs;
      } else {
        return { retry: false, reason: "not-retryable-status" };
      }
      break;
    case "network":
      if (!input.idempotent && outcome.requestMayHaveBeenSent) return { retry: false, reason: "not-idempotent" };
      reason = "network-error";
      break;
    case "timeout":
      if (!input.idempotent) return { retry: false, reason: "not-idempotent" };
      reason = "attempt-timeout";
      break;
  }

  if (input.attempt >= options.maxAttempts) return { retry: false, reason: "attempts-exhausted" };

  let delayMs: number;
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > options.maxRetryAfterMs) return { retry: false, reason: "retry-after-too-long" };
    delayMs = Math.max(0, retryAfterMs);
  } else {
    delayMs = backoffDelay(input.attempt, input.random, options);
  }

  if (input.elapsedMs + delayMs > options.maxElapsedMs) return { retry: false, reason: "time-budget-exhausted" };
  if (input.remainingMs !== undefined && delayMs >= input.remainingMs) return { retry: false, reason: "time-budget-exhausted" };
  return { retry: true, delayMs, reason };
}

/**
 * Delay before retry number `attempt` (1 = after the first attempt): the step
 * `min(maxDelayMs, baseDelayMs · 2^(attempt-1))`, of which half is fixed and half jittered.
 */
export function backoffDelay(attempt: number, random: number, options: RetryOptions = DEFAULT_RETRY_OPTIONS): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  const draw = Math.min(Math.max(random, 0), 1);
  return Math.round(step / 2 + (draw * step) / 2);
}

/**
 * Parses a `Retry-After` header: delta-seconds (`"55"`, tolerated `"1.5"`) or an HTTP date
 * (RFC 9110 §10.2.3), relative to `nowMs`. Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date names its day and month ("Mon, 10 Aug 2026 03:03:14 GMT"); anything else (a
  // negative number, which Date.parse would happily read as a year) is not a Retry-After.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
