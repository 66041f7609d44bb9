import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { flagValue } from "./args.js";

describe("flagValue", () => {
  it("is the next argument", () => {
    assert.deepEqual(flagValue(["--mirror", "dir", "--x"], 0, "a folder"), { value: "dir" });
    assert.deepEqual(flagValue(["--interval", "-1s"], 0, "a duration"), { value: "-1s" }, "a single dash is a value (the caller judges it)");
  });
  it("names the flag and what it takes when the value is missing, empty or another flag", () => {
    assert.deepEqual(flagValue(["--mirror"], 0, "a folder"), { error: "--mirror takes a folder; got nothing" });
    assert.deepEqual(flagValue(["--mirror", ""], 0, "a folder"), { error: "--mirror takes a folder; got an empty value" });
    assert.deepEqual(flagValue(["--mirror", "--dev-overrides"], 0, "a folder"), { error: "--mirror takes a folder; got the flag --dev-overrides" });
  });
});
