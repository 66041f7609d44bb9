import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Diagnostics, type ValueRecord } from "../../framework/index.js";
import { settleCreate, type CreateWait } from "./create-wait.js";
import type { WaitResult } from "./wait.js";

interface Obj {
  status: string;
  errorMessage?: string;
}

function scenario(result: WaitResult<Obj>, over: Partial<CreateWait<Obj>> & { cleanupOk?: boolean } = {}) {
  const calls = { cleanup: 0 };
  const c: CreateWait<Obj> = {
    subject: "thing 1",
    noun: "thing",
    summary: "Error creating thing",
    failedText: "thing is in a failed state",
    sets: { pending: ["INITIATING"], target: ["AVAILABLE", "FAILED"] },
    timeoutMs: 60_000,
    deleteOnTimeout: true,
    created: { id: "created", status: "INITIATING" },
    wait: async () => result,
    toState: (o): ValueRecord => ({ id: "created", status: o.status }),
    failure: (o) => o.errorMessage ?? (o.status === "FAILED" ? "no message" : undefined),
    cleanup: async (d) => {
      calls.cleanup++;
      if (over.cleanupOk === false) d.addError("cleanup failed", "DELETE answered 500");
      return over.cleanupOk !== false;
    },
    ...over,
  };
  return { c, calls };
}

describe("settleCreate: what the state records once Atlas accepted a create", () => {
  it("a good target: the state from the last read, no diagnostics, ready", async () => {
    const d = new Diagnostics();
    const { c } = scenario({ outcome: "target", state: "AVAILABLE", value: { status: "AVAILABLE" }, elapsedMs: 1, polls: 1 });
    assert.deepEqual(await settleCreate(c, d), { state: { id: "created", status: "AVAILABLE" }, ready: true });
    assert.equal(d.length, 0);
  });

  it("a failed target: recorded (tainted) with the message, not ready", async () => {
    const d = new Diagnostics();
    const { c } = scenario({ outcome: "target", state: "FAILED", value: { status: "FAILED", errorMessage: "quota" }, elapsedMs: 1, polls: 1 }, { failedSummary: "Error creating thing(1)" });
    const s = await settleCreate(c, d);
    assert.deepEqual(s, { state: { id: "created", status: "FAILED" }, ready: false });
    assert.equal(d.errors[0]!.summary, "Error creating thing(1)");
    assert.match(d.errors[0]!.detail, /^thing is in a failed state: quota\n\nThe thing is recorded in state \(tainted\)/);
  });

  it("a timeout with delete_on_create_timeout=false: recorded, no cleanup", async () => {
    const d = new Diagnostics();
    const { c, calls } = scenario({ outcome: "timeout", lastState: "INITIATING", elapsedMs: 60_000 }, { deleteOnTimeout: false });
    const s = await settleCreate(c, d);
    assert.deepEqual(s.state, { id: "created", status: "INITIATING" });
    assert.equal(calls.cleanup, 0);
    assert.match(d.errors[0]!.detail, /last state: 'INITIATING', timeout: 1m0s\)\ncleanup won't be run because delete_on_create_timeout is false\. The thing is recorded/);
  });

  it("a timeout whose cleanup is confirmed: nothing to record", async () => {
    const d = new Diagnostics();
    const { c, calls } = scenario({ outcome: "timeout", lastState: "INITIATING", elapsedMs: 60_000 });
    assert.deepEqual(await settleCreate(c, d), { state: null, ready: false });
    assert.equal(calls.cleanup, 1);
    assert.match(d.errors[0]!.detail, /the thing was deleted and Atlas confirmed it is gone, so nothing is left behind/);
  });

  it("a timeout whose cleanup does not finish: recorded, with the cleanup's error", async () => {
    const d = new Diagnostics();
    const { c } = scenario({ outcome: "timeout", lastState: "INITIATING", elapsedMs: 60_000 }, { cleanupOk: false });
    const s = await settleCreate(c, d);
    assert.deepEqual(s.state, { id: "created", status: "INITIATING" });
    assert.equal(d.errors.length, 1);
    assert.match(d.errors[0]!.detail, /but the cleanup did not finish: .*DELETE answered 500[\s\S]*recorded in state \(tainted\)/);
  });

  it("the object vanished while waited on: nothing to record", async () => {
    const d = new Diagnostics();
    const { c } = scenario({ outcome: "unexpected", state: "DELETED", value: undefined });
    assert.deepEqual(await settleCreate(c, d), { state: null, ready: false });
    assert.match(d.errors[0]!.detail, /thing 1 disappeared before it became available/);
  });

  it("interrupted, a read error, an unexpected status: recorded", async () => {
    for (const result of [
      { outcome: "interrupted" },
      { outcome: "error", error: new Error("socket hang up") },
      { outcome: "unexpected", state: "WEIRD", value: { status: "WEIRD" } },
    ] as WaitResult<Obj>[]) {
      const d = new Diagnostics();
      const { c } = scenario(result);
      const s = await settleCreate(c, d);
      assert.deepEqual(s, { state: { id: "created", status: "INITIATING" }, ready: false }, result.outcome);
      assert.equal(d.errors.length, 1, result.outcome);
      assert.match(d.errors[0]!.detail, /The thing is recorded in state \(tainted\)/, result.outcome);
    }
  });
});
