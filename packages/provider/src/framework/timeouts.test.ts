import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { record } from "../cty/values.js";
import { formatGoDuration, parseGoDuration, timeoutFor } from "./timeouts.js";

describe("Go durations", () => {
  const ok: [string, number][] = [
    ["1h30m", 5_400_000],
    ["90s", 90_000],
    ["1.5h", 5_400_000],
    ["300ms", 300],
    ["2h45m30.5s", 9_930_500],
    ["1m0s", 60_000],
    ["0", 0],
    ["1500us", 1.5],
    ["10µs", 0.01],
    ["+5m", 300_000],
  ];
  for (const [text, ms] of ok) it(`parses ${text}`, () => assert.equal(parseGoDuration(text), ms));
  for (const bad of ["", "+", "++5m", "1", "10 m", "1d", "h", "-5m", "1h 30m", "5M", "1.2.3s"]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(parseGoDuration(bad), undefined));
  }
  it("formats like Go", () => {
    assert.equal(formatGoDuration(3_600_000), "1h0m0s");
    assert.equal(formatGoDuration(150_000), "2m30s");
    assert.equal(formatGoDuration(500), "500ms");
  });
  it("reads a timeout from a resource object, falling back to the default", () => {
    assert.equal(timeoutFor(record({ timeouts: record({ create: "5m" }) }), "create", "1h"), 300_000);
    assert.equal(timeoutFor(record({ timeouts: null }), "create", "1h"), 3_600_000);
    assert.equal(timeoutFor(record({ timeouts: record({ create: null }) }), "create", "2h"), 7_200_000);
  });
});
