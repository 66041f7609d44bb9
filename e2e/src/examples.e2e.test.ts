/**
 * Every configuration under examples/ runs against the emulator: apply → plan with no changes →
 * destroy → nothing held. The import example adopts objects another configuration created.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { startAtlasHarness, type AtlasHarness } from "./harness/atlas.js";
import { examplesDir } from "./harness/paths.js";
import type { Workspace } from "./harness/terraform.js";

let h: AtlasHarness;
before(async () => {
  h = await startAtlasHarness({ route: "filesystem_mirror" }); // terraform init works as for users
});
after(async () => h?.close());

function fromExample(name: string, vars: Record<string, string> = {}): Workspace {
  const ws = h.workspace(`example-${name}`, {
    TF_VAR_project_id: h.projectId,
    ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [`TF_VAR_${k}`, v])),
  });
  for (const f of readdirSync(join(examplesDir, name))) if (f.endsWith(".tf")) copyFileSync(join(examplesDir, name, f), join(ws.dir, f));
  return ws;
}

describe("examples", () => {
  const simple: [string, Record<string, string>][] = [
    ["quickstart", { vpc_endpoint_id: "vpce-0123456789abcdef9" }],
    ["aws", {}],
    ["azure", {}],
    ["gcp-legacy", {}],
    ["gcp-port-mapped", {}],
    ["aws-cross-region", {}],
  ];
  for (const [name, vars] of simple) {
    it(`${name}: init, apply, no changes, destroy`, async () => {
      const ws = fromExample(name, vars);
      await ws.tf(["init"]);
      await ws.tf(["apply", "-auto-approve"]);
      assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
      await ws.tf(["destroy", "-auto-approve"]);
      assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
    });
  }

  it("import: adopts what another configuration created, with no changes to plan", async () => {
    const owner = fromExample("quickstart", { vpc_endpoint_id: "vpce-0abcdefabcdefabcd" });
    await owner.tf(["init"]);
    await owner.tf(["apply", "-auto-approve"]);
    const plid = String(owner.resource("mongodbatlas_privatelink_endpoint.test")!.attributes["private_link_id"]);
    const ws = fromExample("import", { private_link_id: plid, vpc_endpoint_id: "vpce-0abcdefabcdefabcd" });
    await ws.tf(["init"]);
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /Plan: 2 to import, 0 to add, 0 to change, 0 to destroy\./);
    await ws.tf(["apply", "-auto-approve"]);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    await owner.tf(["destroy", "-auto-approve"]);
    assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
  });
});
