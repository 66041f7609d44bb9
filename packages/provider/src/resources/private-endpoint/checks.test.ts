import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Diagnostics, record, UNKNOWN, type Value } from "../../framework/index.js";
import { checkConfig } from "./checks.js";

const ARM = "/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";
const rule = (name: Value, ip: Value) => record({ endpoint_name: name, ip_address: ip, status: UNKNOWN });

function check(attrs: Record<string, Value>): { errors: string[]; warnings: string[] } {
  const d = new Diagnostics();
  checkConfig(record({ project_id: "5cf5a45a9ccf6400e60981b6", private_link_id: "6123456789abcdef01234567", private_endpoint_ip_address: null, gcp_project_id: null, endpoints: [], ...attrs }), d);
  return { errors: d.errors.map((e) => e.summary), warnings: d.warnings.map((w) => w.summary) };
}

describe("private endpoint plan-time checks", () => {
  it("a value not known yet is neither set nor absent: no check depends on it", () => {
    // a variable at `terraform validate`, another resource's output at plan
    assert.deepEqual(check({ provider_name: "AWS", endpoint_service_id: "vpce-0123456789abcdef0", private_endpoint_ip_address: UNKNOWN }), { errors: [], warnings: [] });
    assert.deepEqual(check({ provider_name: "AZURE", endpoint_service_id: ARM, private_endpoint_ip_address: UNKNOWN }), { errors: [], warnings: [] });
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "group-1", gcp_project_id: UNKNOWN, private_endpoint_ip_address: UNKNOWN, endpoints: [rule("rule-1", "10.0.0.6")] }), { errors: [], warnings: [] });
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "group-1", gcp_project_id: "my-project-1", private_endpoint_ip_address: null, endpoints: UNKNOWN }), { errors: [], warnings: [] });
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: UNKNOWN, gcp_project_id: "my-project-1", private_endpoint_ip_address: UNKNOWN, endpoints: UNKNOWN }), { errors: [], warnings: [] });
  });

  it("\"\" and an empty list count as absent, as in the official provider", () => {
    assert.deepEqual(check({ provider_name: "AWS", endpoint_service_id: "vpce-0123456789abcdef0", private_endpoint_ip_address: "", gcp_project_id: "" }), { errors: [], warnings: [] });
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "group-1", gcp_project_id: "my-project-1", private_endpoint_ip_address: "", endpoints: [rule("rule-1", "10.0.0.6")] }), { errors: [], warnings: [] });
    assert.deepEqual(check({ provider_name: "AZURE", endpoint_service_id: ARM, private_endpoint_ip_address: "" }).errors, ["Missing private_endpoint_ip_address"]);
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "rule-1", gcp_project_id: "", private_endpoint_ip_address: "10.0.0.5" }).errors, ["Missing gcp_project_id"]);
  });

  it("inputs the official provider ignores for a cloud are accepted with a warning naming them", () => {
    const aws = check({ provider_name: "AWS", endpoint_service_id: "vpce-0123456789abcdef0", private_endpoint_ip_address: "10.0.0.5", gcp_project_id: "my-project-1", endpoints: [rule("rule-1", "10.0.0.6")] });
    assert.deepEqual(aws.errors, []);
    assert.deepEqual(aws.warnings.sort(), ["endpoints is ignored for AWS", "gcp_project_id is ignored for AWS", "private_endpoint_ip_address is ignored for AWS"]);
    const azure = check({ provider_name: "AZURE", endpoint_service_id: ARM, private_endpoint_ip_address: "10.0.0.5", gcp_project_id: "my-project-1" });
    assert.deepEqual(azure, { errors: [], warnings: ["gcp_project_id is ignored for AZURE"] });
  });

  it("known values are still checked", () => {
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "group-1", gcp_project_id: "my-project-1", private_endpoint_ip_address: "10.0.0.5", endpoints: [rule("rule-1", "10.0.0.6")] }).errors, [
      "Conflicting GCP architectures: private_endpoint_ip_address and endpoints",
    ]);
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "group-1", gcp_project_id: "my-project-1" }).errors, ["Missing GCP endpoint configuration"]);
    assert.deepEqual(check({ provider_name: "AZURE", endpoint_service_id: ARM, private_endpoint_ip_address: "10.0.0.300" }).errors, ["Invalid value for private_endpoint_ip_address"]);
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "group-1", gcp_project_id: "my-project-1", endpoints: [rule("rule-1", null)] }).errors, ["Missing endpoints.ip_address"]);
  });

  it("accepts ARM ids in any case and domain-scoped GCP projects", () => {
    assert.deepEqual(check({ provider_name: "AZURE", endpoint_service_id: ARM.replace("Microsoft.Network/privateEndpoints", "microsoft.network/privateendpoints").replace("resourceGroups", "resourcegroups"), private_endpoint_ip_address: "10.0.0.5" }), { errors: [], warnings: [] });
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "rule-1", gcp_project_id: "example.com:my-project", private_endpoint_ip_address: "10.0.0.5" }), { errors: [], warnings: [] });
    assert.deepEqual(check({ provider_name: "GCP", endpoint_service_id: "rule-1", gcp_project_id: "example:my-project", private_endpoint_ip_address: "10.0.0.5" }).errors, ["Invalid value for gcp_project_id"]);
  });
});
