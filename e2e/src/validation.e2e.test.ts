/**
 * Bad configurations are refused before anything is created — at `terraform validate`, at plan
 * for values only known then, at import for bad ids — with the attribute named (Terraform points
 * at its line) and the accepted values spelled out. Nothing reaches the emulator.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { flat, startAtlasHarness, TERRAFORM_BLOCK, type AtlasHarness } from "./harness/atlas.js";
import { CASES, ep, IMPORT_CASES, svc } from "./campaigns/bad-config-corpus.js";

let h: AtlasHarness;
before(async () => {
  h = await startAtlasHarness();
});
after(async () => h?.close());

describe("bad configurations", () => {
  for (const c of CASES) {
    it(`${c.name}: refused at ${c.at ?? "validate"}, naming ${c.attribute}`, async () => {
      const ws = h.workspace("invalid");
      ws.write("main.tf", TERRAFORM_BLOCK + c.hcl);
      const r = c.at === "plan" ? await ws.tf(["apply", "-auto-approve"], { expect: [1] }) : await ws.tf(["validate"], { expect: [1] });
      const text = flat(r.stderr);
      assert.match(text, c.phrase, r.stderr);
      assert.match(text, new RegExp(`Error: [^│]*${c.attribute.replace(/_/g, "_")}`), "the summary names the attribute");
      if (!c.missing) {
        assert.match(r.stderr, new RegExp(`\\d+:\\s+${c.line ?? c.attribute}\\s+=`), "Terraform shows the attribute's line");
      } else {
        assert.match(r.stderr, /on main\.tf line \d+, in resource/);
      }
      ws.cleanup();
    });
  }
  it("created nothing", async () => {
    assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
  });
});

describe("bad import ids", () => {
  const cases = IMPORT_CASES;
  for (const [type, id, phrase] of cases) {
    it(`${type} ${id}`, async () => {
      const ws = h.workspace("bad-import");
      ws.write(
        "main.tf",
        TERRAFORM_BLOCK +
          (type === "mongodbatlas_privatelink_endpoint" ? svc("AWS", "us-east-1") : ep("AWS", 'endpoint_service_id = "vpce-0123456789abcdef0"')),
      );
      const r = await ws.tf(["import", `${type}.x`, id], { expect: [1] });
      assert.match(flat(r.stderr), phrase);
      assert.match(flat(r.stderr), /e\.g\. 5cf5a45a9ccf6400e60981b6/, "shows an example");
      ws.cleanup();
    });
  }
});
