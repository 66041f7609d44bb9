import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EmulatorClock, MAX_CLOCK_MS, MAX_DURATION_MS, formatDuration, frozenClock, isClockTime, manualClock, parseDuration } from "./clock.js";

describe("EmulatorClock", () => {
  it("real mode follows wall time plus an offset that advance() grows", () => {
    let wall = 1_000;
    const clock = new EmulatorClock({ mode: "real", wallTime: () => wall });
    assert.equal(clock.now(), 1_000);
    wall = 1_500;
    assert.equal(clock.now(), 1_500);
    clock.advance(10_000);
    assert.equal(clock.now(), 11_500);
    wall = 2_000;
    assert.equal(clock.now(), 12_000);
    assert.equal(clock.state().offsetMs, 10_000);
  });

  it("manual mode moves only when advanced or set", () => {
    const clock = manualClock(5_000);
    assert.equal(clock.mode, "manual");
    assert.equal(clock.now(), 5_000);
    clock.advance(250);
    assert.equal(clock.now(), 5_250);
    clock.setTime(9_000);
    assert.equal(clock.now(), 9_000);
  });

  it("freeze stops time; resume continues from the frozen instant", () => {
    let wall = 100;
    const clock = new EmulatorClock({ mode: "real", wallTime: () => wall });
    wall = 200;
    clock.freeze();
    assert.equal(clock.mode, "frozen");
    wall = 900;
    assert.equal(clock.now(), 200);
    clock.advance(50);
    assert.equal(clock.now(), 250);
    clock.resume();
    assert.equal(clock.mode, "real");
    assert.equal(clock.now(), 250);
    wall = 1_000;
    assert.equal(clock.now(), 350);
  });

  it("never goes backwards and refuses negative advances", () => {
    const clock = frozenClock(1_000);
    assert.throws(() => clock.advance(-1), RangeError);
    assert.throws(() => clock.setTime(999), RangeError);
    assert.throws(() => clock.advance(Number.NaN), RangeError);
  });

  it("stays within the range of valid instants: refuses, and changes nothing, past MAX_CLOCK_MS", () => {
    assert.equal(new Date(MAX_CLOCK_MS).toISOString(), "2106-02-07T06:28:15.999Z", "the last second an ObjectId holds");
    const wall = Date.UTC(2026, 0, 1);
    for (const clock of [manualClock(Date.UTC(2026, 0, 1)), new EmulatorClock({ mode: "real", wallTime: () => wall })]) {
      const seen: number[] = [];
      clock.onChange((s) => seen.push(s.now));
      const before = clock.state();
      for (const ms of [1e308, MAX_CLOCK_MS, Number.POSITIVE_INFINITY]) assert.throws(() => clock.advance(ms), RangeError, String(ms));
      for (const t of [1e20, MAX_CLOCK_MS + 1, Number.NaN]) assert.throws(() => clock.setTime(t), RangeError, String(t));
      assert.deepEqual(clock.state(), before, clock.mode);
      assert.deepEqual(seen, [], "no change was announced");
      clock.setTime(MAX_CLOCK_MS); // the limit itself is a valid instant
      assert.equal(clock.now(), MAX_CLOCK_MS);
      assert.throws(() => clock.advance(1), RangeError);
      assert.equal(new Date(clock.now()).toISOString(), "2106-02-07T06:28:15.999Z");
    }
    for (const start of [-1, MAX_CLOCK_MS + 1, 1e308, Number.NaN]) {
      assert.throws(() => new EmulatorClock({ mode: "manual", start }), RangeError, String(start));
      assert.throws(() => new EmulatorClock({ mode: "real", start }), RangeError, String(start));
    }
    assert.equal(isClockTime(0), true);
    assert.equal(isClockTime(-1), false);
  });

  it("notifies listeners on every change, not on passing time", () => {
    const clock = manualClock(0);
    const seen: number[] = [];
    const off = clock.onChange((s) => seen.push(s.now));
    clock.advance(1);
    clock.advance(2);
    off();
    clock.advance(3);
    assert.deepEqual(seen, [1, 3]);
  });
});

describe("parseDuration", () => {
  const cases: [unknown, number | undefined][] = [
    [1500, 1500],
    ["1500", 1500],
    ["500ms", 500],
    ["1.5s", 1500],
    ["2m", 120_000],
    ["1h", 3_600_000],
    [" 3s ", 3000],
    [-1, undefined],
    ["-1s", undefined],
    ["1d", undefined],
    ["abc", undefined],
    [null, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [Number.NaN, undefined],
    [1.4, 1], // whole milliseconds
    // At most one year (MAX_DURATION_MS): a longer timing is a typo or an attack on the clock.
    [MAX_DURATION_MS, MAX_DURATION_MS],
    ["8760h", MAX_DURATION_MS],
    [MAX_DURATION_MS + 1, undefined],
    ["8761h", undefined],
    [1e300, undefined],
    ["9".repeat(400) + "h", undefined],
    ["1e300", undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${String(input).slice(0, 30)} → ${expected}`, () => assert.equal(parseDuration(input), expected));
  }

  it("takes another bound when given one", () => {
    assert.equal(parseDuration("2h", 3_600_000), undefined);
    assert.equal(parseDuration("100000h", Number.MAX_SAFE_INTEGER), 360_000_000_000);
  });

  it("formats bounds in units parseDuration takes back", () => {
    assert.equal(formatDuration(MAX_DURATION_MS), "8760h");
    assert.equal(formatDuration(90_000), "90s");
    assert.equal(formatDuration(1_500), "1500ms");
    for (const ms of [MAX_DURATION_MS, 90_000, 1_500, 86_400_000, 1]) assert.equal(parseDuration(formatDuration(ms)), ms, String(ms));
  });
});
