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

describe("configurations the official provider accepts", () => {
  it("a variable that is null (unknown at validate) does not count as set", async () => {
    const ws = h.workspace("null-variable");
    ws.write(
      "main.tf",
      TERRAFORM_BLOCK +
        `variable "ip" {\n  type    = string\n  default = null\n}\n` +
        ep("AWS", 'endpoint_service_id = "vpce-0123456789abcdef0"\n  private_endpoint_ip_address = var.ip').replace('"x"', '"aws"') +
        ep("GCP", 'endpoint_service_id = "group-1"\n  gcp_project_id = "my-project-1"\n  private_endpoint_ip_address = var.ip\n  endpoints {\n    endpoint_name = "rule-1"\n    ip_address    = "10.0.0.6"\n  }').replace('"x"', '"gcp"'),
    );
    const validate = await ws.tf(["validate"]);
    assert.doesNotMatch(validate.stderr + validate.stdout, /Error|Warning: (?!Provider development overrides)/);
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /2 to add, 0 to change, 0 to destroy/);
    assert.doesNotMatch(plan.stderr + plan.stdout, /Error|Warning: (?!Provider development overrides)/);
    ws.cleanup();
  });

  it("inputs ignored for a cloud are accepted with a warning that names them", async () => {
    const ws = h.workspace("ignored-input");
    ws.write("main.tf", TERRAFORM_BLOCK + ep("AWS", 'endpoint_service_id = "vpce-0123456789abcdef0"\n  gcp_project_id = "my-project-1"\n  private_endpoint_ip_address = ""'));
    const r = await ws.tf(["validate"]);
    const text = flat(r.stdout + r.stderr);
    assert.match(text, /Warning: gcp_project_id is ignored for AWS/);
    assert.match(text, /gcp_project_id is only used for GCP; it is not sent to Atlas for AWS/);
    assert.doesNotMatch(text, /private_endpoint_ip_address is ignored/, '"" counts as unset');
    ws.cleanup();
  });
});
