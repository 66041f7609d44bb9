/**
 * How the resources behave when things go wrong or change, through terraform and the emulator:
 * drift, failed lifecycles, create timeouts with and without cleanup, region conflicts,
 * in-place updates, interrupts, official-provider state, and the seed documents' example.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { flat, startAtlasHarness, TERRAFORM_BLOCK, type AtlasHarness } from "./harness/atlas.js";

let h: AtlasHarness;
before(async () => {
  h = await startAtlasHarness();
});
after(async () => h?.close());

const service = (projectId: string, region: string, extra = "", name = "this") =>
  `resource "mongodbatlas_privatelink_endpoint" "${name}" {
  project_id    = "${projectId}"
  provider_name = "AWS"
  region        = "${region}"
  ${extra}
}
`;
const endpoint = (vpce: string, extra = "") =>
  `resource "mongodbatlas_privatelink_endpoint_service" "this" {
  project_id          = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.this.private_link_id
  endpoint_service_id = "${vpce}"
  provider_name       = "AWS"
  ${extra}
}
`;

interface ServiceJson {
  id: string;
  status: string;
  supportedRemoteRegions: string[] | null;
}

/** The AWS services the emulator holds (control API listing, with their Atlas fields). */
async function heldServices(): Promise<ServiceJson[]> {
  return (await h.control<{ endpointServices: ServiceJson[] }>("GET", "/objects")).endpointServices;
}

describe("drift", () => {
  it("a service deleted outside Terraform is planned for creation again", async () => {
    const ws = h.workspace("drift");
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "eu-west-1"));
    await ws.tf(["apply", "-auto-approve"]);
    const plid = String(ws.resource("mongodbatlas_privatelink_endpoint.this")!.attributes["private_link_id"]);
    await h.control("DELETE", `/objects/endpoint-services/${plid}`);
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /mongodbatlas_privatelink_endpoint\.this will be created/);
    await ws.tf(["apply", "-auto-approve"]);
    assert.notEqual(ws.resource("mongodbatlas_privatelink_endpoint.this")!.attributes["private_link_id"], plid);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    await ws.tf(["destroy", "-auto-approve"]);
    assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
  });
});

describe("endpoint drift and inputs the official provider ignores", () => {
  it("an endpoint unlinked outside Terraform is planned for creation again; AWS ignores gcp_project_id and \"\" like the official provider", async () => {
    const ws = h.workspace("endpoint-drift");
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "ap-south-1") + endpoint("vpce-0ddd0ddd0ddd0ddd0", 'gcp_project_id = "my-project-1"\n  private_endpoint_ip_address = ""'));
    const apply = await ws.tf(["apply", "-auto-approve"]);
    assert.match(flat(apply.stdout + apply.stderr), /Warning: gcp_project_id is ignored for AWS/);
    const ep = ws.resource("mongodbatlas_privatelink_endpoint_service.this")!.attributes;
    assert.equal(ep["gcp_project_id"], "my-project-1");
    assert.equal(ep["private_endpoint_ip_address"], "");
    assert.equal(ep["aws_connection_status"], "AVAILABLE");
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    const plid = String(ep["private_link_id"]);
    await h.control("DELETE", `/objects/private-endpoints?serviceId=${plid}&endpointId=vpce-0ddd0ddd0ddd0ddd0`);
    assert.deepEqual(await h.held(), { endpointServices: 1, privateEndpoints: 0 });
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /mongodbatlas_privatelink_endpoint_service\.this will be created/);
    assert.match(plan.stdout, /1 to add, 0 to change, 0 to destroy/);
    await ws.tf(["apply", "-auto-approve"]);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    await ws.tf(["destroy", "-auto-approve"]);
    assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
  });
});

describe("failed lifecycles", () => {
  it("a FAILED service is recorded (tainted) with a clear error, and the next apply recovers", async () => {
    await h.control("POST", "/faults", { id: "svc-failed", operation: "createPrivateEndpointService", count: 1, lifecycle: { outcome: "FAILED", errorMessage: "No capacity in region EU_WEST_2." } });
    const ws = h.workspace("failed-service");
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "eu-west-2"));
    const first = await ws.tf(["apply", "-auto-approve"], { expect: [1] });
    assert.match(flat(first.stderr), /privatelink endpoint is in a failed state: No capacity in region EU_WEST_2\./);
    assert.match(flat(first.stderr), /recorded in state \(tainted\)/);
    const r = ws.resource("mongodbatlas_privatelink_endpoint.this")!;
    assert.equal(r.status, "tainted");
    assert.equal(r.attributes["status"], "FAILED");
    assert.equal((await h.held()).endpointServices, 1, "the failed service is tracked, not orphaned");
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /is tainted, so must be replaced/);
    await ws.tf(["apply", "-auto-approve"]);
    assert.equal(ws.resource("mongodbatlas_privatelink_endpoint.this")!.attributes["status"], "AVAILABLE");
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    await ws.tf(["destroy", "-auto-approve"]);
    assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
  });

  it("a service that fails later warns on refresh and is replaced by the next plan (no blocked plans)", async () => {
    const ws = h.workspace("failed-later");
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "ca-central-1"));
    await ws.tf(["apply", "-auto-approve"]);
    const plid = String(ws.resource("mongodbatlas_privatelink_endpoint.this")!.attributes["private_link_id"]);
    await h.control("POST", `/objects/endpoint-services/${plid}/status`, { status: "FAILED", errorMessage: "Load balancer lost." });
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(flat(plan.stdout + plan.stderr), /Warning: The private endpoint service failed and will be replaced/);
    assert.match(plan.stdout, /status += "FAILED" -> \(known after apply\) # forces replacement/);
    await ws.tf(["apply", "-auto-approve"]);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    await ws.tf(["destroy", "-auto-approve"]);
  });

  it("a REJECTED endpoint names Atlas' reason, stays tracked, and the next apply recovers", async () => {
    await h.control("POST", "/faults", { id: "ep-rejected", operation: "createPrivateEndpoint", count: 1, lifecycle: { outcome: "REJECTED", errorMessage: "Interface endpoint vpce-0fedcba9876543210 was not found." } });
    const ws = h.workspace("rejected");
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "us-east-2") + endpoint("vpce-0fedcba9876543210"));
    const first = await ws.tf(["apply", "-auto-approve"], { expect: [1] });
    assert.match(flat(first.stderr), /privatelink endpoint service is in a failed state: Interface endpoint vpce-0fedcba9876543210 was not found\./);
    assert.equal(ws.resource("mongodbatlas_privatelink_endpoint_service.this")!.status, "tainted");
    assert.equal((await h.held()).privateEndpoints, 1);
    await ws.tf(["apply", "-auto-approve"]);
    assert.equal(ws.resource("mongodbatlas_privatelink_endpoint_service.this")!.attributes["aws_connection_status"], "AVAILABLE");
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    await ws.tf(["destroy", "-auto-approve"]);
    assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
  });
});

describe("create timeouts", () => {
  it("with delete_on_create_timeout (default), cleans up and waits until nothing is left", async () => {
    await h.control("PUT", "/profile", { base: "fast", transitions: { "*.*.*": 200, "endpointService.AWS.INITIATING": "1h" } });
    try {
      const ws = h.workspace("timeout-cleanup");
      ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "ap-south-1", `timeouts {\n    create = "2s"\n  }`));
      const r = await ws.tf(["apply", "-auto-approve"], { expect: [1] });
      assert.match(flat(r.stderr), /timeout while waiting for state to become 'AVAILABLE, WAITING_FOR_USER, FAILED' \(last state: 'INITIATING', timeout: 2s\)/);
      assert.match(flat(r.stderr), /will run cleanup because delete_on_create_timeout is true: the service was deleted and Atlas confirmed it is gone/);
      assert.equal(ws.resource("mongodbatlas_privatelink_endpoint.this"), undefined);
      assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 }, "no orphan");
    } finally {
      await h.control("PUT", "/profile", { base: "fast", transitions: { "*.*.*": 200 } });
    }
  });

  it("with delete_on_create_timeout = false, keeps the service in state (tainted), never untracked", async () => {
    await h.control("PUT", "/profile", { base: "fast", transitions: { "*.*.*": 200, "endpointService.AWS.INITIATING": "1h" } });
    const ws = h.workspace("timeout-keep");
    try {
      ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "ap-south-2", `delete_on_create_timeout = false\n  timeouts {\n    create = "1s"\n  }`));
      const r = await ws.tf(["apply", "-auto-approve"], { expect: [1] });
      assert.match(flat(r.stderr), /cleanup won't be run because delete_on_create_timeout is false/);
      const kept = ws.resource("mongodbatlas_privatelink_endpoint.this")!;
      assert.equal(kept.status, "tainted");
      assert.equal(kept.attributes["status"], "INITIATING");
      assert.equal((await h.held()).endpointServices, 1);
    } finally {
      await h.control("PUT", "/profile", { base: "fast", transitions: { "*.*.*": 200 } });
    }
    await ws.tf(["destroy", "-auto-approve"]);
    assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
  });
});

describe("region conflict", () => {
  it("a second service for the same region fails with Atlas' 409, the existing id and the import command", async () => {
    const owner = h.workspace("conflict-owner");
    owner.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "sa-east-1"));
    await owner.tf(["apply", "-auto-approve"]);
    const plid = String(owner.resource("mongodbatlas_privatelink_endpoint.this")!.attributes["private_link_id"]);
    const other = h.workspace("conflict-other");
    other.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "SA_EAST_1"));
    const r = await other.tf(["apply", "-auto-approve"], { expect: [1] });
    const text = flat(r.stderr);
    assert.match(text, /Error creating MongoDB Private Endpoints Connection/);
    assert.match(text, /HTTP 409 PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION: A private endpoint service already exists for AWS region SA_EAST_1\./);
    assert.match(text, new RegExp(`The existing service is ${plid}`));
    assert.match(text, new RegExp(`terraform import mongodbatlas_privatelink_endpoint\\.<name> ${h.projectId}-${plid}-AWS-SA_EAST_1`));
    assert.equal(other.resource("mongodbatlas_privatelink_endpoint.this"), undefined);
    assert.equal((await h.held()).endpointServices, 1);
    await owner.tf(["destroy", "-auto-approve"]);
  });
});

describe("in-place updates", () => {
  it("supported_remote_regions changes in place; another spelling of the region is no change", async () => {
    const ws = h.workspace("remote-regions");
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "us-west-1", `supported_remote_regions = ["EU_WEST_1"]`));
    await ws.tf(["apply", "-auto-approve"]);
    const id = ws.resource("mongodbatlas_privatelink_endpoint.this")!.attributes["private_link_id"];
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "us-west-1", `supported_remote_regions = ["EU_WEST_1", "EU_WEST_2"]`));
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /mongodbatlas_privatelink_endpoint\.this will be updated in-place/);
    await ws.tf(["apply", "-auto-approve"]);
    const after = ws.resource("mongodbatlas_privatelink_endpoint.this")!.attributes;
    assert.equal(after["private_link_id"], id);
    assert.deepEqual([...(after["supported_remote_regions"] as string[])].sort(), ["EU_WEST_1", "EU_WEST_2"]);
    assert.deepEqual([...((await heldServices()).find((s) => s.id === id)!.supportedRemoteRegions ?? [])].sort(), ["EU_WEST_1", "EU_WEST_2"]);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    // leaving it out removes them all, in place
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "US_WEST_1"));
    const clear = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(clear.stdout, /will be updated in-place/);
    assert.doesNotMatch(clear.stdout, /region .* forces replacement/);
    await ws.tf(["apply", "-auto-approve"]);
    const svc = (await heldServices()).find((s) => s.id === id)!;
    assert.ok(svc, "the service is still there");
    assert.deepEqual(svc.supportedRemoteRegions ?? [], []);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    // timeouts change: state only, nothing replaced
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "US_WEST_1", `timeouts {\n    delete = "30m"\n  }`));
    const t = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(t.stdout, /Plan: 0 to add, 1 to change, 0 to destroy/);
    assert.doesNotMatch(t.stdout, /known after apply/);
    await ws.tf(["apply", "-auto-approve"]);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    await ws.tf(["destroy", "-auto-approve"]);
  });
});

describe("private_link_id spellings", () => {
  it("switching between the service's encoded id and its private_link_id changes the spelling in place, without unlinking the endpoint", async () => {
    const ws = h.workspace("link-spelling");
    const encoded = endpoint("vpce-0eee0eee0eee0eee0").replace("mongodbatlas_privatelink_endpoint.this.private_link_id", "mongodbatlas_privatelink_endpoint.this.id");
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "sa-east-1") + encoded);
    await ws.tf(["apply", "-auto-approve"]);
    const before = ws.resource("mongodbatlas_privatelink_endpoint_service.this")!.attributes;
    assert.match(String(before["private_link_id"]), /-/, "the encoded id is kept as written");
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    const seqs = (await h.control<{ requests: { seq: number }[] }>("GET", "/requests?limit=100000")).requests.map((r) => r.seq);
    const since = Math.max(0, ...seqs);
    ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "sa-east-1") + endpoint("vpce-0eee0eee0eee0eee0"));
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /mongodbatlas_privatelink_endpoint_service\.this will be updated in-place/);
    assert.match(plan.stdout, /Plan: 0 to add, 1 to change, 0 to destroy/);
    await ws.tf(["apply", "-auto-approve"]);
    const after = ws.resource("mongodbatlas_privatelink_endpoint_service.this")!.attributes;
    assert.equal(after["id"], before["id"]);
    assert.match(String(after["private_link_id"]), /^[0-9a-f]{24}$/);
    const during = (await h.control<{ requests: { method: string; path: string }[] }>("GET", `/requests?since=${since}&limit=100000`)).requests;
    assert.ok(during.length > 0, "the apply's refresh reached the emulator");
    assert.deepEqual(during.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`), [], "nothing was unlinked or linked again");
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
    await ws.tf(["destroy", "-auto-approve"]);
    assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
  });
});

describe("state written by the official provider", () => {
  /** The documented id encoding (encode_state.go): sorted keys, base64(key):base64(value), "-". */
  const encode = (m: Record<string, string>) =>
    Object.keys(m)
      .sort()
      .map((k) => `${Buffer.from(k).toString("base64")}:${Buffer.from(m[k]!).toString("base64")}`)
      .join("-");

  for (const style of ["nulls", "zero values"] as const) {
    it(`loads with an empty plan (unset attributes as ${style})`, async () => {
      // objects that exist in Atlas, made outside this configuration
      const ws0 = h.workspace("official-setup");
      const region = style === "nulls" ? "eu-central-1" : "eu-north-1";
      ws0.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, region) + endpoint(style === "nulls" ? "vpce-0123456789abcdef1" : "vpce-0123456789abcdef2"));
      await ws0.tf(["apply", "-auto-approve"]);
      const svc = ws0.resource("mongodbatlas_privatelink_endpoint.this")!.attributes;
      const ep = ws0.resource("mongodbatlas_privatelink_endpoint_service.this")!.attributes;
      const plid = String(svc["private_link_id"]);
      const vpce = String(ep["endpoint_service_id"]);
      const unset = style === "nulls" ? null : "";
      const sdkPrivate = Buffer.from(JSON.stringify({ "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": { create: 3600000000000, delete: 3600000000000, update: 3600000000000 } })).toString("base64");
      const state = {
        version: 4,
        terraform_version: "1.11.4",
        serial: 3,
        lineage: "2f0d9a2e-1c7b-4e24-9f6a-9d1b3c5e7a01",
        outputs: {},
        resources: [
          {
            mode: "managed",
            type: "mongodbatlas_privatelink_endpoint",
            name: "this",
            provider: 'provider["registry.terraform.io/mongodb/mongodbatlas"]',
            instances: [
              {
                schema_version: 0,
                attributes: {
                  delete_on_create_timeout: style === "nulls" ? null : false,
                  endpoint_group_names: [],
                  endpoint_service_name: svc["endpoint_service_name"],
                  error_message: "",
                  id: encode({ private_link_id: plid, project_id: h.projectId, provider_name: "AWS", region }),
                  interface_endpoints: [vpce],
                  port_mapping_enabled: false,
                  private_endpoints: [],
                  private_link_id: plid,
                  private_link_service_name: "",
                  private_link_service_resource_id: "",
                  project_id: h.projectId,
                  provider_name: "AWS",
                  region,
                  region_name: svc["region_name"],
                  service_attachment_names: [],
                  status: "AVAILABLE",
                  supported_remote_regions: style === "nulls" ? null : [],
                  timeouts: null,
                },
                sensitive_attributes: [],
                private: sdkPrivate,
              },
            ],
          },
          {
            mode: "managed",
            type: "mongodbatlas_privatelink_endpoint_service",
            name: "this",
            provider: 'provider["registry.terraform.io/mongodb/mongodbatlas"]',
            instances: [
              {
                schema_version: 0,
                attributes: {
                  aws_connection_status: "AVAILABLE",
                  azure_status: unset,
                  delete_on_create_timeout: style === "nulls" ? null : false,
                  delete_requested: false,
                  endpoint_group_name: "",
                  endpoint_service_id: vpce,
                  endpoints: [],
                  error_message: "",
                  gcp_endpoint_status: unset,
                  gcp_project_id: unset,
                  gcp_status: unset,
                  id: encode({ endpoint_service_id: vpce, private_link_id: plid, project_id: h.projectId, provider_name: "AWS" }),
                  interface_endpoint_id: vpce,
                  port_mapping_enabled: style === "nulls" ? null : false,
                  private_endpoint_connection_name: "",
                  private_endpoint_ip_address: unset,
                  private_endpoint_resource_id: "",
                  private_link_id: plid,
                  project_id: h.projectId,
                  provider_name: "AWS",
                  timeouts: null,
                },
                sensitive_attributes: [],
                private: sdkPrivate,
                dependencies: ["mongodbatlas_privatelink_endpoint.this"],
              },
            ],
          },
        ],
        check_results: null,
      };
      const ws = h.workspace("official-state");
      ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, region) + endpoint(vpce));
      ws.write("terraform.tfstate", JSON.stringify(state, null, 2));
      const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: "any" });
      assert.equal(plan.code, 0, plan.stdout + plan.stderr);
      await ws.tf(["destroy", "-auto-approve"]);
      assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
    });
  }
});

describe("the seed documents' AWS example", () => {
  // The seed wires an aws_vpc_endpoint between the two resources; here the emulator's simulated
  // AWS holds the VPC endpoint (strict mode: an unregistered id is rejected as in real AWS).
  const seed = (projectId: string, vpce: string) => `
resource "mongodbatlas_privatelink_endpoint" "test" {
  project_id    = "${projectId}"
  provider_name = "AWS"
  region        = "us-east-1"
}

# stands in for aws_vpc_endpoint.ptfe_service (service_name = the Atlas endpoint service name)
resource "terraform_data" "ptfe_service" {
  input = {
    id           = "${vpce}"
    service_name = mongodbatlas_privatelink_endpoint.test.endpoint_service_name
  }
}

resource "mongodbatlas_privatelink_endpoint_service" "test" {
  project_id          = mongodbatlas_privatelink_endpoint.test.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.test.private_link_id
  endpoint_service_id = terraform_data.ptfe_service.output.id
  provider_name       = "AWS"
}
`;

  it("links a registered VPC endpoint; an unregistered one is rejected with Atlas' message", async () => {
    await h.control("PUT", "/profile", { base: "fast", transitions: { "*.*.*": 200 }, options: { strictCloud: true } });
    try {
      await h.control("POST", "/cloud/aws/endpoints", { id: "vpce-0aa11bb22cc33dd44" });
      const ws = h.workspace("seed");
      ws.write("main.tf", TERRAFORM_BLOCK + seed(h.projectId, "vpce-0aa11bb22cc33dd44"));
      await ws.tf(["apply", "-auto-approve"]);
      assert.equal(ws.resource("mongodbatlas_privatelink_endpoint_service.test")!.attributes["aws_connection_status"], "AVAILABLE");
      assert.match(String((ws.state().resources.find((r) => r.type === "terraform_data")!.instances[0]!.attributes["output"] as { value: { service_name: string } }).value.service_name), /^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
      assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);

      ws.write("main.tf", TERRAFORM_BLOCK + seed(h.projectId, "vpce-0ee55ff66aa77bb88"));
      const r = await ws.tf(["apply", "-auto-approve"], { expect: [1] });
      assert.match(flat(r.stderr), /privatelink endpoint service is in a failed state: Interface endpoint vpce-0ee55ff66aa77bb88 was not found\./);
      await ws.tf(["destroy", "-auto-approve"]);
      assert.deepEqual(await h.held(), { endpointServices: 0, privateEndpoints: 0 });
    } finally {
      await h.control("PUT", "/profile", { base: "fast", transitions: { "*.*.*": 200 } });
    }
  });
});

describe("interrupts", () => {
  it("Ctrl-C during a long create: Terraform reports the provider's diagnostic and state records what Atlas accepted", async () => {
    await h.control("PUT", "/profile", { base: "fast", transitions: { "*.*.*": 200, "endpointService.AWS.INITIATING": "1h" } });
    const ws = h.workspace("interrupt");
    const heldBefore = (await h.held()).endpointServices;
    try {
      ws.write("main.tf", TERRAFORM_BLOCK + service(h.projectId, "me-south-1"));
      let sent = false;
      const r = await ws.tf(["apply", "-auto-approve"], {
        expect: "any",
        onOutput: (chunk, interrupt) => {
          if (!sent && chunk.includes("Creating...")) {
            sent = true;
            setTimeout(interrupt, 1500);
          }
        },
      });
      const all = flat(r.stdout + r.stderr);
      assert.notEqual(r.code, 0);
      assert.match(all, /Interrupted/);
      assert.doesNotMatch(all, /Plugin did not respond/);
      const kept = ws.resource("mongodbatlas_privatelink_endpoint.this");
      assert.ok(kept, "the service Atlas accepted is in state");
      assert.equal(kept.status, "tainted");
      assert.equal((await h.held()).endpointServices, heldBefore + 1);
    } finally {
      await h.control("PUT", "/profile", { base: "fast", transitions: { "*.*.*": 200 } });
    }
    await ws.tf(["destroy", "-auto-approve"]);
    assert.equal((await h.held()).endpointServices, heldBefore);
  });
});
