import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualClock } from "../lifecycle/clock.js";
import { ATLAS_RATE_LIMIT, type RateLimitSettings } from "../lifecycle/profile.js";
import { RateLimiter } from "./rate-limit.js";

describe("RateLimiter", () => {
  it("starts full and counts down as recorded (4000 → 3999)", () => {
    const r = new RateLimiter(manualClock(), () => ATLAS_RATE_LIMIT);
    assert.deepEqual(r.take("p1"), { allowed: true, limit: 4000, remaining: 3999, retryAfterSeconds: 0 });
    assert.equal(r.take("p1").remaining, 3998);
    assert.equal(r.take("p2").remaining, 3999, "buckets are per scope key");
  });

  it("refuses when empty, says when to retry, and refills on the clock", () => {
    const clock = manualClock();
    const settings: RateLimitSettings = { enabled: true, capacity: 2, refill: 1, periodMs: 10_000 };
    const r = new RateLimiter(clock, () => settings);
    r.take("k");
    r.take("k");
    const refused = r.take("k");
    assert.equal(refused.allowed, false);
    assert.equal(refused.remaining, 0);
    assert.equal(refused.retryAfterSeconds, 10);
    clock.advance(5_000);
    assert.equal(r.take("k").retryAfterSeconds, 5);
    clock.advance(5_000);
    assert.equal(r.take("k").allowed, true);
    clock.advance(1_000_000);
    assert.equal(r.take("k").remaining, 1, "never above capacity");
  });

  it("only reports when disabled", () => {
    const r = new RateLimiter(manualClock(), () => ({ enabled: false, capacity: 1, refill: 0, periodMs: 1000 }));
    for (let i = 0; i < 5; i++) assert.equal(r.take("k").allowed, true);
  });
});
