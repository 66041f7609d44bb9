import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FieldError } from "../http/validate.js";
import { evaluateFaults, parseFaultRule, pathPattern } from "./rules.js";

const req = (method: string, path: string, operationId: string | null = null) => ({ method, path, operationId });

describe("fault rules", () => {
  it("path patterns: * one segment, ** anything, {param} one segment", () => {
    assert.ok(pathPattern("/api/atlas/v2/groups/*/privateEndpoint/**").test("/api/atlas/v2/groups/abc/privateEndpoint/AWS/endpointService"));
    assert.ok(!pathPattern("/api/atlas/v2/groups/*/clusters").test("/api/atlas/v2/groups/a/b/clusters"));
    assert.ok(pathPattern("/groups/{groupId}/x").test("/groups/123/x"));
    assert.ok(!pathPattern("/a.b").test("/aXb"), "dots are literal");
  });

  it("fires a bounded number of times, after skipping, and counts", () => {
    let rules = [parseFaultRule({ id: "r", method: "POST", path: "/x", count: 2, skip: 1, error: { status: 503, errorCode: "SERVICE_UNAVAILABLE" } })];
    const outcomes: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const r = evaluateFaults(rules, req("POST", "/x"), () => 0);
      rules = r.rules;
      outcomes.push(r.decision?.error?.errorCode ?? null);
    }
    assert.deepEqual(outcomes, [null, "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE", null, null]);
    assert.equal(rules[0]!.fired, 2);
    assert.equal(rules[0]!.remaining, 0);
  });

  it("matches method, operation and path; others pass", () => {
    const rules = [parseFaultRule({ operation: "createPrivateEndpoint", error: { status: 500, errorCode: "UNEXPECTED_ERROR" } })];
    assert.equal(evaluateFaults(rules, req("POST", "/y", "createPrivateEndpoint"), () => 0).decision?.error?.status, 500);
    assert.equal(evaluateFaults(rules, req("POST", "/y", "getPrivateEndpoint"), () => 0).decision, null);
    const m = [parseFaultRule({ method: "get", latencyMs: "20ms" })];
    assert.equal(evaluateFaults(m, req("POST", "/y"), () => 0).decision, null);
    assert.equal(evaluateFaults(m, req("GET", "/y"), () => 0).decision?.latencyMs, 20);
  });

  it("honours probability with the injected random source", () => {
    const rules = [parseFaultRule({ probability: 0.3, reset: true })];
    assert.equal(evaluateFaults(rules, req("GET", "/"), () => 0.29).decision?.reset, true);
    assert.equal(evaluateFaults(rules, req("GET", "/"), () => 0.3).decision, null);
  });

  it("combines effects: latencies add, the first error wins, lifecycle outcomes ride along", () => {
    const rules = [
      parseFaultRule({ id: "a", latencyMs: 10 }),
      parseFaultRule({ id: "b", latencyMs: 5, error: { status: 429, errorCode: "RATE_LIMITED", retryAfterSeconds: 3 } }),
      parseFaultRule({ id: "c", count: 1, error: { status: 503, errorCode: "SERVICE_UNAVAILABLE" } }),
      parseFaultRule({ id: "d", lifecycle: { outcome: "FAILED", errorMessage: "no capacity" } }),
    ];
    const { decision, rules: after } = evaluateFaults(rules, req("GET", "/"), () => 0);
    const d = decision!;
    assert.equal(d.latencyMs, 15);
    assert.equal(d.error?.errorCode, "RATE_LIMITED");
    assert.equal(d.error?.retryAfterSeconds, 3);
    assert.deepEqual(d.lifecycle, { outcome: "FAILED", errorMessage: "no capacity" });
    assert.deepEqual(d.ruleIds, ["a", "b", "d"]);
    // c matched, but its only effect (an error) was taken by b: it neither fired nor counted down.
    const c = after.find((r) => r.id === "c")!;
    assert.deepEqual([c.fired, c.remaining], [0, 1]);
  });

  const bad: [string, unknown][] = [
    ["no effect", { path: "/x" }],
    ["unknown field", { path: "/x", reset: true, color: "red" }],
    ["bad status", { error: { status: 200, errorCode: "X" } }],
    ["status without a reason phrase", { error: { status: 418, errorCode: "TEAPOT" } }],
    ["bad code", { error: { status: 500, errorCode: "lower" } }],
    ["bad probability", { probability: 2, reset: true }],
    ["bad count", { count: -1, reset: true }],
    ["bad path", { path: "no-slash", reset: true }],
    ["bad outcome", { lifecycle: { outcome: "EXPLODED" } }],
    ["error and reset", { reset: true, error: { status: 500, errorCode: "X" } }],
    ["bad method", { method: "FETCH", reset: true }],
  ];
  for (const [name, input] of bad) it(`refuses ${name}`, () => assert.throws(() => parseFaultRule(input), FieldError));
});
