import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EmulatorClock, frozenClock, manualClock, parseDuration } from "./clock.js";

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
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(parseDuration(input), expected));
  }
});
