import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "../..");

describe("generated resource docs", () => {
  it("docs/resources and docs/data-sources match the schemas (run packages/provider/scripts/gen-docs.mjs)", () => {
    const r = spawnSync(process.execPath, [join(pkg, "scripts/gen-docs.mjs"), "--check"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  });
});
