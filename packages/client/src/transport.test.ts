import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AbortedError, TimeoutError } from "./errors.js";
import { abortable, CallScope, realSleep, toNetworkError } from "./transport.js";

const ref = { method: "POST", path: "/p" };

describe("toNetworkError", () => {
  const wrap = (code: string): Error => new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
  const cases: [string, unknown, string | undefined, boolean][] = [
    ["refused: nothing was sent", wrap("ECONNREFUSED"), "ECONNREFUSED", false],
    ["DNS: nothing was sent", wrap("ENOTFOUND"), "ENOTFOUND", false],
    ["connect timeout: nothing was sent", wrap("UND_ERR_CONNECT_TIMEOUT"), "UND_ERR_CONNECT_TIMEOUT", false],
    ["reset: may have been sent", wrap("ECONNRESET"), "ECONNRESET", true],
    ["other side closed: may have been sent", wrap("UND_ERR_SOCKET"), "UND_ERR_SOCKET", true],
    ["happy-eyeballs AggregateError", new TypeError("fetch failed", { cause: new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]) }), "ECONNREFUSED", false],
    ["no code at all: assume sent", new TypeError("terminated"), undefined, true],
  ];
  for (const [name, error, code, sent] of cases) {
    it(name, () => {
      const e = toNetworkError(error, ref);
      assert.equal(e.code, "NETWORK_ERROR");
      assert.equal(e.syscallCode, code);
      assert.equal(e.requestMayHaveBeenSent, sent);
      assert.equal(e.cause, error);
      assert.match(e.message, /^POST \/p: network error: /);
    });
  }
});

describe("sleep and abort helpers", () => {
  it("realSleep resolves, and rejects with the signal's reason when aborted", async () => {
    await realSleep(1, new AbortController().signal);
    const controller = new AbortController();
    const sleeping = realSleep(60_000, controller.signal);
    controller.abort("stop");
    await assert.rejects(sleeping, (e) => e === "stop");
    await assert.rejects(realSleep(1, AbortSignal.abort("already")), (e) => e === "already");
  });
  it("abortable races a promise that ignores the signal", async () => {
    const controller = new AbortController();
    const never = new Promise<void>(() => {});
    const raced = abortable(never, controller.signal);
    controller.abort("late");
    await assert.rejects(raced, (e) => e === "late");
    assert.equal(await abortable(Promise.resolve(5), new AbortController().signal), 5);
  });
});

describe("CallScope", () => {
  it("turns the caller's abort into an AbortedError", () => {
    const parent = new AbortController();
    const scope = new CallScope(ref, 60_000, parent.signal);
    parent.abort("why");
    assert.throws(() => scope.throwIfDone(), (e: AbortedError) => e.code === "ABORTED" && e.cause === "why" && e.path === "/p");
    scope.dispose();
  });
  it("turns the deadline into a call-scope TimeoutError", async () => {
    const scope = new CallScope(ref, 5);
    await new Promise((r) => setTimeout(r, 20));
    assert.throws(() => scope.throwIfDone(), (e: TimeoutError) => e.code === "TIMEOUT" && e.scope === "call" && e.timeoutMs === 5);
    assert.equal(scope.remainingMs(), 0);
    scope.dispose();
  });
  it("is already aborted when the caller's signal was", () => {
    const scope = new CallScope(ref, 60_000, AbortSignal.abort());
    assert.equal(scope.signal.aborted, true);
    scope.dispose();
  });
});
