import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Sessions } from "./sessions.js";

describe("console sessions", () => {
  it("a login token works once and expires unused", () => {
    let now = 0;
    const s = new Sessions({ now: () => now, tokenTtlMs: 1000 });
    const token = s.issueLoginToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(s.consumeLoginToken(token), true);
    assert.equal(s.consumeLoginToken(token), false, "one time");
    const late = s.issueLoginToken();
    now = 1001;
    assert.equal(s.consumeLoginToken(late), false, "expired");
    for (const bad of [undefined, "", "x".repeat(200), "unknown"]) assert.equal(s.consumeLoginToken(bad), false);
  });

  it("sessions end when idle too long, when too old, when deleted, or when the oldest is evicted", () => {
    let now = 0;
    const s = new Sessions({ now: () => now, idleTtlMs: 100, maxAgeMs: 250, maxSessions: 2 });
    const a = s.create({ kind: "token" });
    assert.notEqual(a.id, a.csrf);
    now = 90;
    assert.equal(s.get(a.id), a);
    now = 180;
    assert.equal(s.get(a.id), a, "each use restarts the idle timer");
    now = 260;
    assert.equal(s.get(a.id), undefined, "older than maxAge");
    const b = s.create({ kind: "apiKey", publicKey: "k" });
    now = 361;
    assert.equal(s.get(b.id), undefined, "idle");
    const c = s.create({ kind: "token" });
    const d = s.create({ kind: "token" });
    const e = s.create({ kind: "token" });
    assert.equal(s.size, 2);
    assert.equal(s.get(c.id), undefined, "the oldest was evicted");
    s.delete(d.id);
    assert.equal(s.get(d.id), undefined);
    s.deleteWhere((x) => x === e);
    assert.equal(s.get(e.id), undefined);
    for (const bad of [undefined, "", "y".repeat(200)]) assert.equal(s.get(bad), undefined);
  });
});
