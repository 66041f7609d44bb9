import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Io } from "../io.js";
import { watch } from "./watch.js";

function capture(): Io & { text: () => string } {
  let text = "";
  return { out: (t) => void (text += t), err: (t) => void (text += t), isTty: false, text: () => text };
}

describe("watch --interval", () => {
  // No emulator, no credentials, no network: a bad value is refused before anything is read.
  const env: NodeJS.ProcessEnv = { XDG_CACHE_HOME: "/nonexistent-cache-dir" };
  for (const bad of ["abc", "2x", "-1s", "0", "100ms"]) {
    it(`refuses ${JSON.stringify(bad)} with a message naming --interval and what it takes`, async () => {
      const io = capture();
      assert.equal(await watch(["p", "--interval", bad], io, env), 2);
      assert.match(io.text(), /--interval takes a number of seconds or a duration such as 500ms, 2s, 1\.5s, 2m, 1m30s, 1h, at least 200ms; got /);
      assert.ok(io.text().includes(JSON.stringify(bad)));
    });
  }
  it("refuses a missing value", async () => {
    const io = capture();
    assert.equal(await watch(["p", "--interval"], io, env), 2);
    assert.match(io.text(), /--interval takes .*; got nothing/);
  });
  it("accepts 2m and goes on to find a target", async () => {
    const io = capture();
    assert.equal(await watch(["p", "--interval", "2m"], io, env), 1);
    assert.match(io.text(), /no emulator is running and no Atlas credentials are set/);
  });
});

describe("watch --provider", () => {
  const env: NodeJS.ProcessEnv = { XDG_CACHE_HOME: "/nonexistent-cache-dir" };
  const cases: [string[], RegExp][] = [
    [["p", "--provider"], /^atlas-privatelink watch: --provider takes AWS, AZURE or GCP; got nothing\n$/],
    [["p", "--provider", "--once"], /^atlas-privatelink watch: --provider takes AWS, AZURE or GCP; got the flag --once\n$/],
    [["p", "--provider", "OCI"], /^atlas-privatelink watch: --provider takes AWS, AZURE or GCP; got "OCI"\n$/],
  ];
  for (const [args, message] of cases) {
    it(`refuses ${args.slice(1).join(" ")} (exit 2, naming --provider and what it takes)`, async () => {
      const io = capture();
      assert.equal(await watch(args, io, env), 2);
      assert.match(io.text(), message);
    });
  }
  it("refuses --interval followed by another flag", async () => {
    const io = capture();
    assert.equal(await watch(["p", "--interval", "--once"], io, env), 2);
    assert.match(io.text(), /--interval takes .*; got the flag --once\n$/);
  });
});
