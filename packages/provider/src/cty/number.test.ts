import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CtyNumber } from "./number.js";

describe("CtyNumber", () => {
  const canonical: [string, string][] = [
    ["0", "0"],
    ["-0", "0"],
    ["007", "7"],
    ["1.500", "1.5"],
    ["-0.0", "0"],
    ["1e3", "1000"],
    ["12.5e1", "125"],
    ["1.25E-3", "0.00125"],
    [".5", "0.5"],
    ["5.", "5"],
    ["+42", "42"],
    ["12345678901234567890", "12345678901234567890"],
  ];
  for (const [input, expected] of canonical) {
    it(`canonicalises ${input}`, () => assert.equal(CtyNumber.parse(input).text, expected));
  }
  it("rejects non-numbers", () => {
    for (const bad of ["", "abc", "1..2", "e5", "--1", "1e"]) assert.throws(() => CtyNumber.parse(bad), RangeError, bad);
  });
  it("gives the exact value of a double, not its shortest form", () => {
    assert.equal(CtyNumber.fromDouble(0.5).text, "0.5");
    assert.equal(CtyNumber.fromDouble(2 ** -30).text, "0.000000000931322574615478515625");
    assert.equal(CtyNumber.fromDouble(0.1).text, "0.1000000000000000055511151231257827021181583404541015625");
    assert.equal(CtyNumber.fromDouble(-3).text, "-3");
  });
  it("knows which numbers a double holds exactly", () => {
    assert.equal(CtyNumber.parse("0.5").isExactDouble, true);
    assert.equal(CtyNumber.parse("0.1").isExactDouble, false);
    assert.equal(CtyNumber.parse("9007199254740993").isExactDouble, false);
  });
});
