/**
 * For AWS, Azure, GCP legacy and GCP port-mapped, through the real terraform binary, our
 * provider and the emulator: apply (both resources and the three data sources) → plan with no
 * changes → import each resource by its documented import format into a fresh state and compare
 * with the applied state (ImportStateVerify) → plan with no changes → destroy → nothing held.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startAtlasHarness, TERRAFORM_BLOCK, type AtlasHarness } from "./harness/atlas.js";

interface Case {
  readonly name: string;
  readonly provider: "AWS" | "AZURE" | "GCP";
  readonly region: string;
  readonly regionName: string;
  readonly service: string; // extra attributes of the endpoint service
  readonly endpoint: string; // attributes of the endpoint
  readonly endpointId: string;
  readonly check: (service: Record<string, unknown>, endpoint: Record<string, unknown>) => void;
}

const AZURE_PE = "/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg-app/providers/Microsoft.Network/privateEndpoints/pe-atlas";

const CASES: Case[] = [
  {
    name: "AWS",
    provider: "AWS",
    region: "us-east-1",
    regionName: "US_EAST_1",
    service: "",
    endpoint: `endpoint_service_id = "vpce-0a1b2c3d4e5f60718"`,
    endpointId: "vpce-0a1b2c3d4e5f60718",
    check(s, e) {
      assert.match(String(s["endpoint_service_name"]), /^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/);
      assert.deepEqual(s["interface_endpoints"], ["vpce-0a1b2c3d4e5f60718"]);
      assert.equal(e["aws_connection_status"], "AVAILABLE");
      assert.equal(e["interface_endpoint_id"], "vpce-0a1b2c3d4e5f60718");
    },
  },
  {
    name: "Azure",
    provider: "AZURE",
    region: "eastus2",
    regionName: "US_EAST_2",
    service: "",
    endpoint: `endpoint_service_id         = "${AZURE_PE}"\n  private_endpoint_ip_address = "10.0.0.5"`,
    endpointId: AZURE_PE,
    check(s, e) {
      assert.match(String(s["private_link_service_name"]), /^pls_[0-9a-f]{24}$/);
      assert.match(String(s["private_link_service_resource_id"]), /privateLinkServices\/pls_/);
      assert.deepEqual(s["private_endpoints"], [AZURE_PE]);
      assert.equal(e["azure_status"], "AVAILABLE");
      assert.equal(e["private_endpoint_ip_address"], "10.0.0.5");
      assert.equal(e["private_endpoint_resource_id"], AZURE_PE);
    },
  },
  {
    name: "GCP legacy",
    provider: "GCP",
    region: "us-central1",
    regionName: "CENTRAL_US",
    service: "",
    endpoint:
      `endpoint_service_id = "tf-endpoint-group"\n  gcp_project_id      = "customer-project-1"\n` +
      `  endpoints {\n    endpoint_name = "tf-rule-0"\n    ip_address    = "10.2.0.10"\n  }\n` +
      `  endpoints {\n    endpoint_name = "tf-rule-1"\n    ip_address    = "10.2.0.11"\n  }`,
    endpointId: "tf-endpoint-group",
    check(s, e) {
      assert.equal(s["port_mapping_enabled"], false);
      assert.deepEqual(s["endpoint_group_names"], ["tf-endpoint-group"]);
      assert.ok((s["service_attachment_names"] as string[]).length > 1);
      assert.equal(e["gcp_status"], "AVAILABLE");
      assert.deepEqual(e["endpoints"], [
        { endpoint_name: "tf-rule-0", ip_address: "10.2.0.10", status: "AVAILABLE" },
        { endpoint_name: "tf-rule-1", ip_address: "10.2.0.11", status: "AVAILABLE" },
      ]);
      assert.equal(e["gcp_project_id"], "customer-project-1");
    },
  },
  {
    name: "GCP port-mapped",
    provider: "GCP",
    region: "us-west3",
    regionName: "US_WEST_3",
    service: `port_mapping_enabled = true`,
    endpoint: `endpoint_service_id         = "tf-forwarding-rule"\n  gcp_project_id              = "customer-project-1"\n  private_endpoint_ip_address = "10.3.0.7"`,
    endpointId: "tf-forwarding-rule",
    check(s, e) {
      assert.equal(s["port_mapping_enabled"], true);
      assert.equal((s["service_attachment_names"] as string[]).length, 1);
      assert.equal(e["port_mapping_enabled"], true);
      assert.equal(e["gcp_endpoint_status"], "AVAILABLE");
      assert.equal(e["private_endpoint_ip_address"], "10.3.0.7");
      assert.deepEqual(e["endpoints"], []);
    },
  },
];

function config(projectId: string, c: Case): string {
  return (
    TERRAFORM_BLOCK +
    `
resource "mongodbatlas_privatelink_endpoint" "this" {
  project_id    = "${projectId}"
  provider_name = "${c.provider}"
  region        = "${c.region}"
  ${c.service}
}

resource "mongodbatlas_privatelink_endpoint_service" "this" {
  project_id      = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id = mongodbatlas_privatelink_endpoint.this.private_link_id
  provider_name   = "${c.provider}"
  ${c.endpoint}
}

data "mongodbatlas_privatelink_endpoint" "this" {
  project_id      = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id = mongodbatlas_privatelink_endpoint.this.id
  provider_name   = "${c.provider}"
}

data "mongodbatlas_privatelink_endpoints" "all" {
  project_id    = mongodbatlas_privatelink_endpoint.this.project_id
  provider_name = "${c.provider}"
  depends_on    = [mongodbatlas_privatelink_endpoint.this]
}

data "mongodbatlas_privatelink_endpoint_service" "this" {
  project_id          = mongodbatlas_privatelink_endpoint_service.this.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint_service.this.private_link_id
  endpoint_service_id = mongodbatlas_privatelink_endpoint_service.this.endpoint_service_id
  provider_name       = "${c.provider}"
}

output "service_status" { value = data.mongodbatlas_privatelink_endpoint.this.status }
output "service_region" { value = data.mongodbatlas_privatelink_endpoint.this.region_name }
output "listed" { value = [for r in data.mongodbatlas_privatelink_endpoints.all.results : r.private_link_id] }
output "endpoint_error" { value = data.mongodbatlas_privatelink_endpoint_service.this.error_message }
`
  );
}

const importBlocks = (projectId: string, c: Case, privateLinkId: string) => `
import {
  to = mongodbatlas_privatelink_endpoint.this
  id = "${projectId}-${privateLinkId}-${c.provider}-${c.region}"
}
import {
  to = mongodbatlas_privatelink_endpoint_service.this
  id = "${projectId}--${privateLinkId}--${c.endpointId}--${c.provider}"
}
`;

let h: AtlasHarness;
before(async () => {
  h = await startAtlasHarness();
});
after(async () => h?.close());

for (const c of CASES) {
  describe(c.name, () => {
    it("applies, plans no changes, imports by the documented formats (identical state), destroys leaving nothing", async () => {
      const ws = h.workspace(`cloud-${c.provider.toLowerCase()}`);
      ws.write("main.tf", config(h.projectId, c));
      await ws.tf(["apply", "-auto-approve"]);
      assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
      // bring the state up to date (the service now lists its endpoint) before comparing
      await ws.tf(["apply", "-refresh-only", "-auto-approve"]);

      const service = ws.resource("mongodbatlas_privatelink_endpoint.this")!.attributes;
      const endpoint = ws.resource("mongodbatlas_privatelink_endpoint_service.this")!.attributes;
      assert.equal(service["region"], c.region, "region kept as written");
      assert.equal(service["region_name"], c.regionName);
      assert.equal(service["status"], "AVAILABLE");
      assert.equal(service["error_message"], "");
      const plid = String(service["private_link_id"]);
      assert.equal(Buffer.from(String(service["id"]).split("-")[0]!.split(":")[1]!, "base64").toString(), plid, "official id encoding");
      c.check(service, endpoint);

      const outputs = JSON.parse((await ws.tf(["output", "-json"])).stdout) as Record<string, { value: unknown }>;
      assert.equal(outputs["service_status"]!.value, "AVAILABLE");
      assert.equal(outputs["service_region"]!.value, c.regionName);
      assert.deepEqual(outputs["listed"]!.value, [plid]);
      assert.equal(outputs["endpoint_error"]!.value, "");

      const fresh = h.workspace(`import-${c.provider.toLowerCase()}`);
      fresh.write("main.tf", config(h.projectId, c) + importBlocks(h.projectId, c, plid));
      const importPlan = await fresh.tf(["plan", "-detailed-exitcode"], { expect: [2] });
      assert.match(importPlan.stdout, /Plan: 2 to import, 0 to add, 0 to change, 0 to destroy\./);
      await fresh.tf(["apply", "-auto-approve"]);
      assert.deepEqual(fresh.resource("mongodbatlas_privatelink_endpoint.this")!.attributes, service);
      assert.deepEqual(fresh.resource("mongodbatlas_privatelink_endpoint_service.this")!.attributes, endpoint);
      assert.equal((await fresh.tf(["plan", "-detailed-exitcode"])).code, 0);

      await ws.tf(["destroy", "-auto-approve"]);
      assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
    });
  });
}
