import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDuration } from "./duration.js";

describe("parseDuration", () => {
  const cases: [string, number | undefined][] = [
    ["1", 1_000], // a bare number is seconds, as before
    ["0.5", 500],
    ["500ms", 500],
    ["2s", 2_000],
    ["1.5s", 1_500],
    ["2m", 120_000],
    ["1m30s", 90_000],
    ["1h", 3_600_000],
    ["1h2m3s", 3_723_000],
    ["250000us", 250],
    [" 3s ", undefined], // as Go: no surrounding spaces (the copy before parseGoDuration trimmed them)
    ["+2s", 2_000], // as Go: a leading +
    ["0", 0],
    ["abc", undefined],
    ["", undefined],
    ["-1s", undefined],
    ["2 m", undefined],
    ["2x", undefined],
    ["s", undefined],
    ["1s2", undefined],
    ["NaN", undefined],
    ["Infinity", undefined],
  ];
  for (const [text, ms] of cases) {
    it(`${JSON.stringify(text)} → ${ms ?? "rejected"}`, () => assert.equal(parseDuration(text), ms));
  }
});
