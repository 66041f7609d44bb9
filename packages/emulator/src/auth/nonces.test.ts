import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NonceStore } from "./nonces.js";

describe("NonceStore", () => {
  it("accepts each nc once, in any order within the window", () => {
    const s = new NonceStore(60_000);
    const n = s.issue(0);
    assert.equal(s.use(n, 1, 0), "ok");
    assert.equal(s.use(n, 3, 0), "ok");
    assert.equal(s.use(n, 2, 0), "ok", "out of order but unused");
    assert.equal(s.use(n, 2, 0), "replayed");
    assert.equal(s.use(n, 3, 0), "replayed");
    assert.equal(s.use(n, 1, 0), "replayed");
    assert.equal(s.use(n, 4, 0), "ok");
  });

  it("remembers used ncs across large jumps and refuses ones older than the window", () => {
    const s = new NonceStore(60_000);
    const n = s.issue(0);
    for (let i = 1; i <= 300; i++) assert.equal(s.use(n, i, 0), "ok");
    assert.equal(s.use(n, 299, 0), "replayed");
    assert.equal(s.use(n, 45, 0), "replayed", "older than the 256-wide window");
    assert.equal(s.use(n, 1000, 0), "ok");
    assert.equal(s.use(n, 999, 0), "ok");
    assert.equal(s.use(n, 1000, 0), "replayed");
    assert.equal(s.use(n, 744, 0), "replayed", "now outside the window");
  });

  it("expires nonces after their lifetime", () => {
    const s = new NonceStore(1000);
    const n = s.issue(0);
    assert.equal(s.use(n, 1, 1000), "ok");
    assert.equal(s.use(n, 2, 1001), "expired");
    assert.equal(s.use(n, 3, 1001), "unknown", "an expired nonce is forgotten");
  });

  it("does not know nonces it did not issue", () => {
    assert.equal(new NonceStore(1000).use("made-up", 1, 0), "unknown");
  });

  it("stays bounded under a flood of challenges", () => {
    const s = new NonceStore(60_000, 100);
    const first = s.issue(0);
    for (let i = 0; i < 500; i++) s.issue(0);
    assert.ok(s.size <= 100);
    assert.equal(s.use(first, 1, 0), "unknown");
  });

  it("prunes expired nonces", () => {
    const s = new NonceStore(10);
    s.issue(0);
    s.issue(5);
    s.prune(12);
    assert.equal(s.size, 1);
  });
});
