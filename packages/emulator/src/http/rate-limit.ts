import type { Clock } from "../lifecycle/clock.js";
import type { RateLimitSettings } from "../lifecycle/profile.js";

/**
 * Token buckets, one per scope key (Atlas scopes the Private Endpoint Services endpoint set per
 * project: capacity 4000, refill 2000 per 60 s; atlas-api.md §9). Refill is continuous, on the
 * emulator clock. `Ratelimit-Remaining` is what is left after the request (recorded: 3999 on a
 * fresh project's first call).
 */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until one token is back (only when refused). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_BUCKETS = 100_000;

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly settings: () => RateLimitSettings,
  ) {}

  take(key: string): RateDecision {
    const s = this.settings();
    const now = this.clock.now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.clear();
      bucket = { tokens: s.capacity, at: now };
      this.#buckets.set(key, bucket);
    } else if (now > bucket.at) {
      bucket.tokens = Math.min(s.capacity, bucket.tokens + ((now - bucket.at) * s.refill) / s.periodMs);
      bucket.at = now;
    }
    if (bucket.tokens > s.capacity) bucket.tokens = s.capacity;
    if (!s.enabled) return { allowed: true, limit: s.capacity, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit: s.capacity, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const perMs = s.refill / s.periodMs;
    const waitMs = perMs > 0 ? (1 - bucket.tokens) / perMs : s.periodMs;
    return { allowed: false, limit: s.capacity, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  reset(): void {
    this.#buckets.clear();
  }
}
