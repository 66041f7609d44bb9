import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RequestLog } from "./request-log.js";

const entry = (path: string) => ({
  atMs: Date.UTC(2026, 0, 1),
  method: "GET",
  path,
  operationId: null,
  status: 200,
  errorCode: null,
  durationMs: 1,
  principal: null,
  authScheme: null,
  faultId: null,
});

describe("RequestLog", () => {
  it("keeps the newest entries, oldest first, with increasing seq", () => {
    const log = new RequestLog(3);
    for (const p of ["/a", "/b", "/c", "/d"]) log.add(entry(p));
    assert.deepEqual(log.list().map((e) => e.path), ["/b", "/c", "/d"]);
    assert.deepEqual(log.list().map((e) => e.seq), [2, 3, 4]);
    assert.deepEqual(log.list(3).map((e) => e.path), ["/d"]);
    assert.deepEqual(log.list(0, 1).map((e) => e.path), ["/d"]);
    assert.equal(log.list()[0]!.at, "2026-01-01T00:00:00.000Z");
    log.clear();
    assert.deepEqual(log.list(), []);
    log.add(entry("/e"));
    assert.equal(log.list()[0]!.seq, 5, "seq keeps increasing after clear");
  });
});
