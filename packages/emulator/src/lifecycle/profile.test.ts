import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FieldError } from "../http/validate.js";
import { ATLAS_RATE_LIMIT, describeProfile, profileToInput, resolveProfile, timingOf } from "./profile.js";
import { TIMED_RULES, transitionKey } from "./transitions.js";

describe("profiles", () => {
  it("named bases", () => {
    assert.deepEqual(timingOf(resolveProfile("instant"), "endpointService", "AWS", "INITIATING"), { afterMs: 0 });
    assert.deepEqual(timingOf(resolveProfile("fast"), "privateEndpoint", "GCP", "VERIFIED"), { afterMs: 1000 });
    const realistic = resolveProfile("realistic");
    // The recorded times (atlas-api.md §5).
    assert.deepEqual(timingOf(realistic, "endpointService", "AWS", "INITIATING"), { afterMs: 148_000 });
    assert.deepEqual(timingOf(realistic, "endpointService", "AZURE", "INITIATING"), { afterMs: 61_000 });
    assert.deepEqual(timingOf(realistic, "endpointService", "GCP", "INITIATING"), { afterMs: 260_000 });
  });

  it("defaults to fast with Atlas' rate limit", () => {
    const p = resolveProfile(undefined);
    assert.equal(p.base, "fast");
    assert.deepEqual(p.rateLimit, ATLAS_RATE_LIMIT);
  });

  it("overrides: exact beats wildcard, more specific wildcard beats less, later wins ties", () => {
    const p = resolveProfile({
      base: "fast",
      transitions: {
        "*.*.*": "5s",
        "privateEndpoint.*.*": { afterReads: 3 },
        "privateEndpoint.AWS.PENDING": 250,
        "*.GCP.*": "2s",
        "*.*.DELETING": "7s",
      },
    });
    assert.deepEqual(timingOf(p, "privateEndpoint", "AWS", "PENDING"), { afterMs: 250 });
    assert.deepEqual(timingOf(p, "privateEndpoint", "AZURE", "INITIATING"), { afterReads: 3 });
    assert.deepEqual(timingOf(p, "endpointService", "AWS", "INITIATING"), { afterMs: 5000 });
    assert.deepEqual(timingOf(p, "endpointService", "GCP", "INITIATING"), { afterMs: 2000 });
    // "*.GCP.*" and "*.*.DELETING" are equally specific: the later one wins.
    assert.deepEqual(timingOf(p, "endpointService", "GCP", "DELETING"), { afterMs: 7000 });
  });

  it("accepts afterMs and afterReads together, and duration strings", () => {
    const p = resolveProfile({ transitions: { "endpointService.AWS.INITIATING": { afterMs: "1m", afterReads: 2 } } });
    assert.deepEqual(timingOf(p, "endpointService", "AWS", "INITIATING"), { afterMs: 60_000, afterReads: 2 });
  });

  const bad: [string, unknown][] = [
    ["unknown name", "slow"],
    ["unknown base", { base: "slow" }],
    ["unknown field", { speed: 1 }],
    ["bad key", { transitions: { "service.AWS.INITIATING": 1 } }],
    ["bad timing", { transitions: { "endpointService.AWS.INITIATING": "soon" } }],
    ["empty timing", { transitions: { "endpointService.AWS.INITIATING": {} } }],
    ["negative reads", { transitions: { "endpointService.AWS.INITIATING": { afterReads: -1 } } }],
    ["unknown option", { options: { turbo: true } }],
    ["bad option type", { options: { strictCloud: "yes" } }],
    ["bad attachments", { options: { gcpServiceAttachments: 0 } }],
    ["bad rate limit", { rateLimit: { capacity: 0 } }],
    // Durations are finite, ≥ 0 and at most a year (a timing of 1e300 ms broke every deadline).
    ["huge timing", { transitions: { "endpointService.*.INITIATING": 1e300 } }],
    ["huge afterMs", { transitions: { "privateEndpoint.AWS.PENDING": { afterMs: 1e300 } } }],
    ["over a year", { transitions: { "*.*.*": "8761h" } }],
    ["negative timing", { transitions: { "*.*.*": -1 } }],
    ["huge afterReads", { transitions: { "*.*.*": { afterReads: 1e300 } } }],
    ["huge rate-limit period", { rateLimit: { periodMs: 1e300 } }],
    ["huge capacity", { rateLimit: { capacity: 1e300 } }],
    ["not an object", 42],
  ];
  for (const [name, input] of bad) {
    it(`refuses ${name}`, () => assert.throws(() => resolveProfile(input), FieldError));
  }

  it("names the field and the accepted range when it refuses a duration", () => {
    assert.throws(
      () => resolveProfile({ transitions: { "endpointService.*.INITIATING": 1e300 } }),
      (e: unknown) => e instanceof FieldError && e.field === "transitions.endpointService.*.INITIATING" && /from 0 to 8760h /.test(e.message),
    );
    assert.throws(
      () => resolveProfile({ rateLimit: { periodMs: 1e300 } }),
      (e: unknown) => e instanceof FieldError && e.field === "rateLimit.periodMs" && /from 1 ms to 8760h$/.test(e.message),
    );
    assert.deepEqual(timingOf(resolveProfile({ transitions: { "*.*.*": "8760h" } }), "endpointService", "AWS", "INITIATING"), { afterMs: 365 * 86_400_000 });
  });

  it("round-trips through its stored form", () => {
    const p = resolveProfile({ base: "realistic", transitions: { "*.*.DELETING": 5 }, options: { strictCloud: true }, rateLimit: { capacity: 10, refill: 1, periodMs: "1s" } });
    assert.deepEqual(resolveProfile(JSON.parse(JSON.stringify(profileToInput(p)))), p);
  });

  it("describes every timed step", () => {
    const d = describeProfile(resolveProfile("fast"));
    const effective = d["effective"] as Record<string, unknown>;
    for (const r of TIMED_RULES) assert.ok(effective[transitionKey(r.kind, r.provider, r.from)], `${r.kind}.${r.provider}.${r.from}`);
  });
});
