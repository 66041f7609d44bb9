import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_OPTIONS,
  parseRetryAfter,
  type AttemptOutcome,
  type RetryDecision,
  type RetryOptions,
} from "./retry-policy.js";

const OPTIONS: RetryOptions = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 10_000, maxRetryAfterMs: 5_000 };

const status = (s: number, retryAfterMs?: number): AttemptOutcome => ({ kind: "status", status: s, retryAfterMs });
const reset: AttemptOutcome = { kind: "network", requestMayHaveBeenSent: true };
const refused: AttemptOutcome = { kind: "network", requestMayHaveBeenSent: false };
const timeout: AttemptOutcome = { kind: "timeout" };

interface Case {
  readonly name: string;
  readonly attempt?: number;
  readonly outcome: AttemptOutcome;
  readonly idempotent: boolean;
  readonly elapsedMs?: number;
  readonly remainingMs?: number;
  readonly random?: number;
  readonly expect: RetryDecision;
}

// random 0 → the fixed half of the step: attempt 1 → 50, attempt 2 → 100, attempt 3 → 200.
const CASES: Case[] = [
  { name: "429 with Retry-After, POST", outcome: status(429, 2_000), idempotent: false, expect: { retry: true, delayMs: 2_000, reason: "rate-limited" } },
  { name: "429 with Retry-After, GET", outcome: status(429, 0), idempotent: true, expect: { retry: true, delayMs: 0, reason: "rate-limited" } },
  { name: "429 without Retry-After backs off", outcome: status(429), idempotent: false, expect: { retry: true, delayMs: 50, reason: "rate-limited" } },
  { name: "429 Retry-After beyond the cap", outcome: status(429, 6_000), idempotent: true, expect: { retry: false, reason: "retry-after-too-long" } },
  { name: "429 Retry-After beyond the elapsed budget", outcome: status(429, 3_000), idempotent: true, elapsedMs: 8_000, expect: { retry: false, reason: "time-budget-exhausted" } },
  { name: "429 Retry-After past the call deadline", outcome: status(429, 3_000), idempotent: true, remainingMs: 2_000, expect: { retry: false, reason: "time-budget-exhausted" } },
  { name: "500 GET", outcome: status(500), idempotent: true, expect: { retry: true, delayMs: 50, reason: "server-error" } },
  { name: "502 DELETE, second attempt", attempt: 2, outcome: status(502), idempotent: true, expect: { retry: true, delayMs: 100, reason: "server-error" } },
  { name: "504 PATCH, third attempt", attempt: 3, outcome: status(504), idempotent: true, expect: { retry: true, delayMs: 200, reason: "server-error" } },
  { name: "503 honours Retry-After for idempotent calls", outcome: status(503, 1_500), idempotent: true, expect: { retry: true, delayMs: 1_500, reason: "server-error" } },
  { name: "500 POST is not retried", outcome: status(500), idempotent: false, expect: { retry: false, reason: "not-idempotent" } },
  { name: "503 POST is not retried, Retry-After or not", outcome: status(503, 10), idempotent: false, expect: { retry: false, reason: "not-idempotent" } },
  { name: "501 is not retryable", outcome: status(501), idempotent: true, expect: { retry: false, reason: "not-retryable-status" } },
  { name: "400 is not retryable", outcome: status(400), idempotent: true, expect: { retry: false, reason: "not-retryable-status" } },
  { name: "404 is not retryable", outcome: status(404), idempotent: true, expect: { retry: false, reason: "not-retryable-status" } },
  { name: "409 is not retryable", outcome: status(409), idempotent: false, expect: { retry: false, reason: "not-retryable-status" } },
  { name: "reset, GET", outcome: reset, idempotent: true, expect: { retry: true, delayMs: 50, reason: "network-error" } },
  { name: "reset, POST", outcome: reset, idempotent: false, expect: { retry: false, reason: "not-idempotent" } },
  { name: "connection refused, POST: nothing was sent", outcome: refused, idempotent: false, expect: { retry: true, delayMs: 50, reason: "network-error" } },
  { name: "attempt timeout, GET", outcome: timeout, idempotent: true, expect: { retry: true, delayMs: 50, reason: "attempt-timeout" } },
  { name: "attempt timeout, POST", outcome: timeout, idempotent: false, expect: { retry: false, reason: "not-idempotent" } },
  { name: "last attempt", attempt: 4, outcome: status(500), idempotent: true, expect: { retry: false, reason: "attempts-exhausted" } },
  { name: "last attempt, 429", attempt: 4, outcome: status(429, 1), idempotent: true, expect: { retry: false, reason: "attempts-exhausted" } },
  { name: "elapsed budget", outcome: reset, idempotent: true, elapsedMs: 9_990, expect: { retry: false, reason: "time-budget-exhausted" } },
  { name: "full jitter draw doubles the fixed half", outcome: status(500), idempotent: true, random: 0.999999, expect: { retry: true, delayMs: 100, reason: "server-error" } },
];

describe("decideRetry", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const decision = decideRetry(
        {
          attempt: c.attempt ?? 1,
          outcome: c.outcome,
          idempotent: c.idempotent,
          elapsedMs: c.elapsedMs ?? 0,
          remainingMs: c.remainingMs,
          random: c.random ?? 0,
        },
        OPTIONS,
      );
      assert.deepEqual(decision, c.expect);
    });
  }
  it("maxAttempts 1 never retries", () => {
    const d = decideRetry({ attempt: 1, outcome: status(429, 1), idempotent: true, elapsedMs: 0, random: 0 }, { ...OPTIONS, maxAttempts: 1 });
    assert.deepEqual(d, { retry: false, reason: "attempts-exhausted" });
  });
});

describe("backoffDelay", () => {
  it("doubles per attempt, caps at maxDelayMs, jitters within [step/2, step]", () => {
    const steps = [1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, 1, OPTIONS));
    assert.deepEqual(steps, [100, 200, 400, 800, 1_000, 1_000]);
    for (let attempt = 1; attempt <= 8; attempt++) {
      for (const r of [0, 0.25, 0.5, 0.75, 0.99]) {
        const step = Math.min(OPTIONS.maxDelayMs, OPTIONS.baseDelayMs * 2 ** (attempt - 1));
        const d = backoffDelay(attempt, r, OPTIONS);
        assert.ok(d >= step / 2 && d <= step, `attempt ${attempt} r ${r}: ${d}`);
      }
    }
  });
  it("survives absurd attempt numbers", () => {
    assert.equal(backoffDelay(10_000, 1, DEFAULT_RETRY_OPTIONS), DEFAULT_RETRY_OPTIONS.maxDelayMs);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-08-10T03:03:04Z");
  const cases: [string | null | undefined, number | undefined][] = [
    ["55", 55_000],
    [" 0 ", 0],
    ["1.5", 1_500],
    ["Mon, 10 Aug 2026 03:03:14 GMT", 10_000],
    ["Mon, 10 Aug 2026 03:02:00 GMT", 0],
    ["soon", undefined],
    ["-5", undefined],
    ["", undefined],
    [null, undefined],
    [undefined, undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(parseRetryAfter(input, now), expected));
  }
});
