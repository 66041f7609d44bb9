import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { obj, testEmulator, type TestEmulator } from "../../testing/client.js";
import type { AppOptions } from "../../options.js";

const ARM = "/subscriptions/4e133d35-e734-4380-a565-c0945535da37/resourceGroups/my-rg/providers/Microsoft.Network/privateEndpoints/my-pe";

async function withService(provider: "AWS" | "AZURE" | "GCP", options: AppOptions = {}, extra: Record<string, unknown> = {}) {
  const t = await testEmulator({ profile: "fast", ...options });
  const region = provider === "AWS" ? "us-east-1" : provider === "AZURE" ? "eastus2" : "us-east4";
  const s = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: provider, region, ...extra }));
  t.clock.advance(1000);
  const base = `${t.pe}/${provider}/endpointService/${s["id"]}`;
  return { t, id: String(s["id"]), base };
}

const status = (t: TestEmulator, path: string) => t.client.get(path).then((r) => (r.status === 404 ? "404" : String(obj(r)["connectionStatus"] ?? obj(r)["status"])));

describe("AWS interface endpoints", () => {
  it("PENDING_ACCEPTANCE → PENDING → AVAILABLE; the service lists it; delete → DELETING → 404", async () => {
    const { t, base } = await withService("AWS");
    const res = await t.client.post(`${base}/endpoint`, { id: "vpce-0d00c26273372c6ef" });
    assert.equal(res.status, 201);
    assert.deepEqual(obj(res), {
      cloudProvider: "AWS",
      connectionStatus: "PENDING_ACCEPTANCE",
      deleteRequested: false,
      errorMessage: null,
      interfaceEndpointId: "vpce-0d00c26273372c6ef",
    });
    const path = `${base}/endpoint/vpce-0d00c26273372c6ef`;
    t.clock.advance(1000);
    assert.equal(await status(t, path), "PENDING");
    t.clock.advance(1000);
    assert.equal(await status(t, path), "AVAILABLE");
    assert.deepEqual(obj(await t.client.get(base))["interfaceEndpoints"], ["vpce-0d00c26273372c6ef"]);

    assert.equal((await t.client.delete(path)).status, 202);
    const deleting = obj(await t.client.get(path));
    assert.equal(deleting["connectionStatus"], "DELETING");
    assert.equal(deleting["deleteRequested"], true);
    assert.deepEqual(obj(await t.client.get(base))["interfaceEndpoints"], ["vpce-0d00c26273372c6ef"], "listed until gone");
    t.clock.advance(1000);
    assert.equal(await status(t, path), "404");
    assert.deepEqual(obj(await t.client.get(base))["interfaceEndpoints"], []);
    await t.close();
  });

  it("refuses a malformed id, a duplicate, and a service that is not ready", async () => {
    const { t, base } = await withService("AWS");
    const bad = await t.client.post(`${base}/endpoint`, { id: "endpoint-1" });
    assert.equal(obj(bad)["errorCode"], "PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED");
    assert.equal(obj(await t.client.post(`${base}/endpoint`, {}))["errorCode"], "MISSING_ATTRIBUTE");
    await t.client.post(`${base}/endpoint`, { id: "vpce-11111111111111111" });
    const dup = await t.client.post(`${base}/endpoint`, { id: "vpce-11111111111111111" });
    assert.equal(dup.status, 409);
    assert.equal(obj(dup)["errorCode"], "PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS");
    const fresh = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-2" }));
    const early = await t.client.post(`${t.pe}/AWS/endpointService/${fresh["id"]}/endpoint`, { id: "vpce-22222222222222222" });
    assert.equal(early.status, 409);
    assert.equal(obj(early)["errorCode"], "PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS");
    assert.equal((await t.client.get(`${base}/endpoint/vpce-99999999999999999`)).status, 404);
    assert.equal(obj(await t.client.get(`${base}/endpoint/not-vpce`))["errorCode"], "PATH_PARAM_PARSE_ERROR");
    assert.equal(obj(await t.client.post(`${base}/endpoint`, { id: "vpce-33333333333333333", cloudProvider: "GCP" }))["errorCode"], "INVALID_ATTRIBUTE");
    await t.close();
  });

  it("strict cloud: an unregistered endpoint ends REJECTED with Atlas' message; a registered one AVAILABLE", async () => {
    const { t, base } = await withService("AWS", { strictCloud: true });
    await t.client.post(`${base}/endpoint`, { id: "vpce-11111111111111111" });
    assert.equal((await t.control.post("/_emulator/cloud/aws/endpoints", { id: "vpce-22222222222222222" })).status, 201);
    await t.client.post(`${base}/endpoint`, { id: "vpce-22222222222222222" });
    t.clock.advance(5000);
    const rejected = obj(await t.client.get(`${base}/endpoint/vpce-11111111111111111`));
    assert.equal(rejected["connectionStatus"], "REJECTED");
    assert.equal(rejected["errorMessage"], "Interface endpoint vpce-11111111111111111 was not found.");
    assert.equal(await status(t, `${base}/endpoint/vpce-22222222222222222`), "AVAILABLE");
    await t.close();
  });

  it("a legacy AWS service waits for the user until its first endpoint is AVAILABLE", async () => {
    const { t, base } = await withService("AWS", { profile: { options: { awsWaitingForUser: true } } });
    assert.equal(obj(await t.client.get(base))["status"], "WAITING_FOR_USER");
    await t.client.post(`${base}/endpoint`, { id: "vpce-0d00c26273372c6ef" });
    t.clock.advance(2000);
    assert.equal(obj(await t.client.get(base))["status"], "AVAILABLE");
    await t.close();
  });

  it("deleting the last endpoint removes the service when the profile says so (the spec's cascade)", async () => {
    const { t, base } = await withService("AWS", { profile: { options: { deleteServiceWithLastEndpoint: true } } });
    await t.client.post(`${base}/endpoint`, { id: "vpce-0d00c26273372c6ef" });
    t.clock.advance(2000);
    await t.client.delete(`${base}/endpoint/vpce-0d00c26273372c6ef`);
    t.clock.advance(1000);
    assert.equal(obj(await t.client.get(base))["status"], "DELETING");
    t.clock.advance(1000);
    assert.equal((await t.client.get(base)).status, 404);
    await t.close();
  });

  it("read-based timing: the step happens right after the N-th read", async () => {
    const { t, base } = await withService("AWS", { profile: { transitions: { "privateEndpoint.AWS.*": { afterReads: 2 } } } });
    await t.client.post(`${base}/endpoint`, { id: "vpce-0d00c26273372c6ef" });
    const path = `${base}/endpoint/vpce-0d00c26273372c6ef`;
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await status(t, path));
    assert.deepEqual(seen, ["PENDING_ACCEPTANCE", "PENDING_ACCEPTANCE", "PENDING", "PENDING", "AVAILABLE"]);
    await t.close();
  });
});

describe("Azure private endpoints", () => {
  it("routes on the percent-encoded id and reports the connection", async () => {
    const { t, base } = await withService("AZURE");
    const res = await t.client.post(`${base}/endpoint`, { id: ARM, privateEndpointIPAddress: "10.0.0.5" });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(obj(res)), [
      "cloudProvider", "deleteRequested", "errorMessage", "privateEndpointConnectionName", "privateEndpointIPAddress", "privateEndpointResourceId", "status",
    ]);
    const path = `${base}/endpoint/${encodeURIComponent(ARM)}`;
    assert.equal(await status(t, path), "INITIATING");
    t.clock.advance(1000);
    const ready = obj(await t.client.get(path));
    assert.equal(ready["status"], "AVAILABLE");
    assert.equal(ready["privateEndpointResourceId"], ARM);
    assert.equal(ready["privateEndpointIPAddress"], "10.0.0.5");
    assert.equal(ready["privateEndpointConnectionName"], "4e133d35-e734-4380-a565-c0945535da37%2Fmy-rg%2Fmy-pe");
    assert.deepEqual(obj(await t.client.get(base))["privateEndpoints"], [ARM]);
    // Lower-case escapes decode the same; an unencoded id is another path; a bad escape is a 400.
    assert.equal((await t.client.get(path.replace(/%2F/g, "%2f"))).status, 200);
    assert.equal((await t.client.get(`${base}/endpoint${ARM}`)).status, 404);
    assert.equal(obj(await t.client.get(`${base}/endpoint/%2Fsubscriptions%zz`))["errorCode"], "PATH_PARAM_PARSE_ERROR");
    assert.equal(obj(await t.client.get(`${base}/endpoint/vpce-0d00c26273372c6ef`))["errorCode"], "PATH_PARAM_PARSE_ERROR");
    assert.equal((await t.client.delete(path)).status, 202);
    t.clock.advance(1000);
    assert.equal((await t.client.get(path)).status, 404);
    await t.close();
  });

  it("requires the IP address and a well-formed ARM id; strict mode FAILS unknown endpoints", async () => {
    const { t, base } = await withService("AZURE", { strictCloud: true });
    assert.equal(obj(await t.client.post(`${base}/endpoint`, { id: ARM }))["errorCode"], "MISSING_ATTRIBUTE");
    assert.equal(obj(await t.client.post(`${base}/endpoint`, { id: ARM, privateEndpointIPAddress: "10.0.0.256" }))["errorCode"], "INVALID_ATTRIBUTE");
    assert.equal(obj(await t.client.post(`${base}/endpoint`, { id: "my-pe", privateEndpointIPAddress: "10.0.0.5" }))["errorCode"], "INVALID_ATTRIBUTE");
    await t.client.post(`${base}/endpoint`, { id: ARM, privateEndpointIPAddress: "10.0.0.5" });
    t.clock.advance(1000);
    const failed = obj(await t.client.get(`${base}/endpoint/${encodeURIComponent(ARM)}`));
    assert.equal(failed["status"], "FAILED");
    assert.equal(failed["errorMessage"], `Private endpoint ${ARM} was not found.`);
    await t.close();
  });
});

describe("GCP endpoint groups", () => {
  it("legacy: INITIATING → VERIFIED → AVAILABLE, forwarding rules follow", async () => {
    const { t, base } = await withService("GCP");
    const body = {
      endpointGroupName: "atlas-group",
      gcpProjectId: "customer-project-1",
      endpoints: [
        { endpointName: "rule-0", ipAddress: "10.0.42.0" },
        { endpointName: "rule-1", ipAddress: "10.0.42.1" },
      ],
    };
    const res = await t.client.post(`${base}/endpoint`, body);
    assert.equal(res.status, 201);
    assert.deepEqual(obj(res), {
      cloudProvider: "GCP",
      deleteRequested: false,
      endpointGroupName: "atlas-group",
      endpoints: [
        { endpointName: "rule-0", ipAddress: "10.0.42.0", status: "INITIATING" },
        { endpointName: "rule-1", ipAddress: "10.0.42.1", status: "INITIATING" },
      ],
      errorMessage: null,
      gcpProjectId: "customer-project-1",
      portMappingEnabled: false,
      status: "INITIATING",
    });
    const path = `${base}/endpoint/atlas-group`;
    t.clock.advance(1000);
    assert.equal(await status(t, path), "VERIFIED");
    t.clock.advance(1000);
    const ready = obj(await t.client.get(path));
    assert.equal(ready["status"], "AVAILABLE");
    assert.deepEqual((ready["endpoints"] as { status: string }[]).map((e) => e.status), ["AVAILABLE", "AVAILABLE"]);
    assert.deepEqual(obj(await t.client.get(base))["endpointGroupNames"], ["atlas-group"]);
    await t.close();
  });

  it("port-mapped: exactly one forwarding rule", async () => {
    const { t, base } = await withService("GCP", {}, { portMappingEnabled: true });
    const two = await t.client.post(`${base}/endpoint`, {
      endpointGroupName: "rule-a",
      gcpProjectId: "customer-project-1",
      endpoints: [
        { endpointName: "rule-a", ipAddress: "10.0.0.1" },
        { endpointName: "rule-b", ipAddress: "10.0.0.2" },
      ],
    });
    assert.equal(obj(two)["errorCode"], "INVALID_ATTRIBUTE");
    const one = obj(await t.client.post(`${base}/endpoint`, { endpointGroupName: "rule-a", gcpProjectId: "customer-project-1", endpoints: [{ endpointName: "rule-a", ipAddress: "10.0.0.1" }] }));
    assert.equal(one["portMappingEnabled"], true);
    await t.close();
  });

  it("validates names, project id and rules; strict mode FAILS unknown forwarding rules", async () => {
    const { t, base } = await withService("GCP", { strictCloud: true });
    const ok = { endpointGroupName: "grp", gcpProjectId: "customer-project-1", endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.1" }] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, endpointGroupName: "Bad_Name" }, "INVALID_ATTRIBUTE"],
      [{ ...ok, gcpProjectId: "1bad" }, "INVALID_ATTRIBUTE"],
      [{ ...ok, endpoints: [] }, "INVALID_ATTRIBUTE"],
      [{ ...ok, endpoints: undefined }, "MISSING_ATTRIBUTE"],
      [{ ...ok, endpoints: [{ endpointName: "r", ipAddress: "x" }] }, "INVALID_ATTRIBUTE"],
      [{ ...ok, endpoints: [{ endpointName: "r", ipAddress: "10.0.0.1" }, { endpointName: "r", ipAddress: "10.0.0.2" }] }, "INVALID_ATTRIBUTE"],
      [{ ...ok, gcpProjectId: undefined }, "MISSING_ATTRIBUTE"],
    ];
    for (const [body, code] of cases) assert.equal(obj(await t.client.post(`${base}/endpoint`, body))["errorCode"], code, JSON.stringify(body));
    await t.control.post("/_emulator/cloud/gcp/endpoints", { gcpProjectId: "customer-project-1", endpointNames: ["rule-0"] });
    await t.client.post(`${base}/endpoint`, ok);
    await t.client.post(`${base}/endpoint`, { ...ok, endpointGroupName: "grp2", endpoints: [{ endpointName: "rule-9", ipAddress: "10.0.0.9" }] });
    t.clock.advance(5000);
    assert.equal(await status(t, `${base}/endpoint/grp`), "AVAILABLE");
    const failed = obj(await t.client.get(`${base}/endpoint/grp2`));
    assert.equal(failed["status"], "FAILED");
    assert.equal(failed["errorMessage"], "Forwarding rule rule-9 was not found.");
    assert.deepEqual((failed["endpoints"] as { status: string }[]).map((e) => e.status), ["FAILED"]);
    await t.close();
  });
});

describe("endpoints rejected by a fault rule without a message", () => {
  it("say the not-found message a strict cloud gives (Azure: the endpoint; GCP: its first forwarding rule)", async () => {
    for (const [provider, body, path, message] of [
      ["AZURE", { id: ARM, privateEndpointIPAddress: "10.0.0.4" }, encodeURIComponent(ARM), `Private endpoint ${ARM} was not found.`],
      [
        "GCP",
        { endpointGroupName: "grp", gcpProjectId: "customer-project-1", endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.1" }, { endpointName: "rule-1", ipAddress: "10.0.0.2" }] },
        "grp",
        "Forwarding rule rule-0 was not found.",
      ],
    ] as const) {
      const { t, base } = await withService(provider);
      await t.control.post("/_emulator/faults", { operation: "createPrivateEndpoint", count: 1, lifecycle: { outcome: "REJECTED" } });
      assert.equal((await t.client.post(`${base}/endpoint`, body)).status, 201, provider);
      t.clock.advance(5000);
      const failed = obj(await t.client.get(`${base}/endpoint/${path}`));
      assert.equal(failed["status"], "FAILED", provider);
      assert.equal(failed["errorMessage"], message, provider);
      await t.close();
    }
  });
});
