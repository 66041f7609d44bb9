import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_POLL_POLICY, ManualTimer, nextPollDelay, waitForState, type Observation } from "./wait.js";

/** A status that turns `to` once the (manual) clock passes `at` ms. */
function lifecycle(timer: ManualTimer, steps: [number, string][]): () => Promise<Observation<null>> {
  return async () => {
    let state = steps[0]![1];
    for (const [at, s] of steps) if (timer.now() >= at) state = s;
    return { state, value: null };
  };
}

describe("adaptive waits", () => {
  it("poll delays grow with the time waited and are capped", () => {
    const p = DEFAULT_POLL_POLICY;
    assert.equal(nextPollDelay(p, 0, 0), 100);
    assert.equal(nextPollDelay(p, 500, 3), 100);
    assert.equal(nextPollDelay(p, 20_000, 30), 2_000);
    assert.equal(nextPollDelay(p, 10 * 60_000, 90), 10_000);
  });

  for (const lifetimeMs of [1_000, 2_000, 60_000, 150_000, 258_000]) {
    it(`finishes within ~10% of a ${lifetimeMs / 1000} s lifecycle`, async () => {
      const timer = new ManualTimer();
      const result = await waitForState({
        refresh: lifecycle(timer, [[0, "INITIATING"], [lifetimeMs, "AVAILABLE"]]),
        pending: ["INITIATING"],
        target: ["AVAILABLE"],
        timeoutMs: 3_600_000,
        policy: DEFAULT_POLL_POLICY,
        timer,
        signal: new AbortController().signal,
      });
      assert.equal(result.outcome, "target");
      const overshoot = (timer.now() - lifetimeMs) / lifetimeMs;
      assert.ok(overshoot <= 0.11, `overshoot ${(overshoot * 100).toFixed(1)}%`);
    });
  }

  it("the official fixed schedule for comparison: 10 s first poll, then every 10 s", () => {
    // a 1 s transition costs the official provider 10 s; ours ~1.1 s (test above)
    assert.ok(nextPollDelay(DEFAULT_POLL_POLICY, 0, 0) < 10_000);
  });

  it("times out with the last state seen", async () => {
    const timer = new ManualTimer();
    const result = await waitForState({
      refresh: lifecycle(timer, [[0, "INITIATING"]]),
      pending: ["INITIATING"],
      target: ["AVAILABLE"],
      timeoutMs: 5_000,
      policy: DEFAULT_POLL_POLICY,
      timer,
      signal: new AbortController().signal,
    });
    assert.deepEqual(result.outcome === "timeout" && result.lastState, "INITIATING");
    assert.ok(timer.now() <= 5_000);
  });

  it("stops on an unexpected state, a refresh error, or an interrupt", async () => {
    const timer = new ManualTimer();
    const common = { pending: ["INITIATING"], target: ["AVAILABLE"], timeoutMs: 60_000, policy: DEFAULT_POLL_POLICY, timer };
    const unexpected = await waitForState({ ...common, refresh: async () => ({ state: "WEIRD", value: null }), signal: new AbortController().signal });
    assert.equal(unexpected.outcome, "unexpected");
    const failing = await waitForState({ ...common, refresh: async () => Promise.reject(new Error("boom")), signal: new AbortController().signal });
    assert.equal(failing.outcome, "error");
    const ac = new AbortController();
    ac.abort();
    const interrupted = await waitForState({ ...common, refresh: lifecycle(timer, [[0, "INITIATING"]]), signal: ac.signal });
    assert.equal(interrupted.outcome, "interrupted");
  });

  it("reports each change of state once", async () => {
    const timer = new ManualTimer();
    const seen: string[] = [];
    await waitForState({
      refresh: lifecycle(timer, [[0, "PENDING_ACCEPTANCE"], [1000, "PENDING"], [2000, "AVAILABLE"]]),
      pending: ["PENDING_ACCEPTANCE", "PENDING"],
      target: ["AVAILABLE"],
      timeoutMs: 60_000,
      policy: DEFAULT_POLL_POLICY,
      timer,
      signal: new AbortController().signal,
      onState: (s) => seen.push(s),
    });
    assert.deepEqual(seen, ["PENDING_ACCEPTANCE", "PENDING", "AVAILABLE"]);
  });
});
