import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { captureIo } from "../io-capture.js";
import { quickstart, QUICKSTART_USAGE } from "./quickstart.js";


const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("quickstart arguments", () => {
  for (const args of [["--bogus"], ["--verbose", "--bogus"], ["--keep", "extra"]]) {
    it(`refuses ${args.join(" ")}: exit 2, names the argument, prints the usage, starts nothing`, async () => {
      const io = captureIo();
      // No terraform anywhere: an accepted argument list would fail later, with exit 1.
      assert.equal(await quickstart(args, io, { PATH: "" }), 2);
      assert.equal(io.stderr(), `quickstart: unknown argument ${JSON.stringify(args.at(-1))}\n\n${QUICKSTART_USAGE}`);
      assert.equal(io.stdout(), "");
    });
  }
});

describe("quickstart --verbose", () => {
  /** A terraform that prints a line no filter shows, then fails: the run stops after init. */
  function failingTerraform(): string {
    const bin = mkdtempSync(join(tmpdir(), "cli-quickstart-tf-"));
    dirs.push(bin);
    writeFileSync(join(bin, "terraform"), "#!/bin/sh\necho 'fake terraform: an ordinary line'\necho 'fake terraform: failed' >&2\nexit 1\n");
    chmodSync(join(bin, "terraform"), 0o755);
    return join(bin, "terraform");
  }
  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const io = captureIo();
    const code = await quickstart(args, io, { ...process.env, TERRAFORM_BINARY: failingTerraform() });
    const kept = /quickstart: the workspace is kept for inspection: (\S+)/.exec(io.stderr())?.[1];
    assert.ok(kept && existsSync(kept), io.stderr());
    dirs.push(kept);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }

  it("shows terraform's own output, each line marked", async () => {
    const r = await run(["--verbose"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^ {12}terraform {2}fake terraform: an ordinary line$/m);
    assert.match(r.stdout, /^ {12}terraform {2}fake terraform: failed$/m);
  });

  it("without it, only the progress lines (terraform's output only in the failure report)", async () => {
    const r = await run([]);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /fake terraform/);
    // terraform's stdout and stderr are two pipes: their lines may come in either order.
    const report = /terraform init failed \(exit 1\):\n((?:.*\n){2})/.exec(r.stderr)?.[1];
    assert.deepEqual(report?.split("\n").slice(0, 2).sort(), ["fake terraform: an ordinary line", "fake terraform: failed"], r.stderr);
  });
});
