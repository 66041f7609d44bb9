import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { obj, testEmulator, type TestEmulator } from "../../testing/client.js";

describe("endpoint services", () => {
  let t: TestEmulator;
  before(async () => {
    t = await testEmulator({ profile: "fast" });
  });
  after(() => t.close());

  const create = (body: unknown) => t.client.post(`${t.pe}/endpointService`, body);

  it("creates an AWS service as recorded: 201, INITIATING, nulls, Atlas region name", async () => {
    const res = await create({ providerName: "AWS", region: "eu-west-1" });
    assert.equal(res.status, 201);
    assert.equal(res.headers["content-type"], "application/vnd.atlas.2023-01-01+json;charset=utf-8");
    const body = obj(res);
    assert.deepEqual(Object.keys(body), ["cloudProvider", "endpointServiceName", "errorMessage", "id", "interfaceEndpoints", "regionName", "status", "supportedRemoteRegions"]);
    assert.deepEqual({ ...body, id: "x" }, {
      cloudProvider: "AWS",
      endpointServiceName: null,
      errorMessage: null,
      id: "x",
      interfaceEndpoints: [],
      regionName: "EU_WEST_1",
      status: "INITIATING",
      supportedRemoteRegions: null,
    });
    assert.match(String(body["id"]), /^[0-9a-f]{24}$/);

    t.clock.advance(999);
    const still = obj(await t.client.get(`${t.pe}/AWS/endpointService/${body["id"]}`));
    assert.equal(still["status"], "INITIATING");
    t.clock.advance(1);
    const ready = obj(await t.client.get(`${t.pe}/AWS/endpointService/${body["id"]}`));
    assert.equal(ready["status"], "AVAILABLE");
    assert.match(String(ready["endpointServiceName"]), /^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-[0-9a-f]{17}$/);
  });

  it("takes region in either form, trimmed, in any case (divergence region-input-forms: Atlas' accepted set is untested)", async () => {
    const own = await testEmulator({ profile: "instant" });
    try {
      for (const [providerName, region, regionName] of [
        ["AWS", " Us-West-2 ", "US_WEST_2"],
        ["AWS", "eu_north_1", "EU_NORTH_1"],
        ["AZURE", "EastUS2", "US_EAST_2"],
        ["AZURE", "europe_north", "EUROPE_NORTH"],
        ["GCP", "US-CENTRAL1", "CENTRAL_US"],
        ["GCP", "us_east_4", "US_EAST_4"],
      ] as const) {
        const res = await own.client.post(`${own.pe}/endpointService`, { providerName, region });
        assert.equal(res.status, 201, `${providerName} ${JSON.stringify(region)}: ${res.text}`);
        assert.equal(obj(res)["regionName"], regionName);
      }
    } finally {
      await own.close();
    }
  });

  it("refuses a second service in the same project, provider and region (409, Atlas' message)", async () => {
    const res = await create({ providerName: "AWS", region: "EU_WEST_1" });
    assert.equal(res.status, 409);
    assert.equal(res.headers["x-error-code"], "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION");
    assert.equal(obj(res)["detail"], "A private endpoint service already exists for AWS region EU_WEST_1.");
    assert.deepEqual(obj(res)["parameters"], ["AWS", "EU_WEST_1"]);
  });

  it("Azure: names appear once AVAILABLE, in the recorded formats", async () => {
    const created = obj(await create({ providerName: "AZURE", region: "southeastasia" }));
    assert.equal(created["regionName"], "ASIA_SOUTH_EAST");
    assert.equal(created["privateLinkServiceName"], null);
    assert.equal(created["privateLinkServiceResourceId"], null);
    t.clock.advance(1000);
    const ready = obj(await t.client.get(`${t.pe}/AZURE/endpointService/${created["id"]}`));
    assert.equal(ready["privateLinkServiceName"], `pls_${created["id"]}`);
    assert.match(
      String(ready["privateLinkServiceResourceId"]),
      new RegExp(`^/subscriptions/[0-9a-f-]{36}/resourceGroups/rg_[0-9a-f]{24}_[0-9a-z]{8}/providers/Microsoft\\.Network/privateLinkServices/pls_${created["id"]}$`),
    );
  });

  it("GCP: six service attachments for a legacy service, one when port-mapped", async () => {
    const legacy = obj(await create({ providerName: "GCP", region: "us-east4" }));
    const mapped = obj(await create({ providerName: "GCP", region: "us-central1", portMappingEnabled: true }));
    assert.equal(mapped["regionName"], "CENTRAL_US");
    assert.deepEqual(legacy["serviceAttachmentNames"], []);
    t.clock.advance(1000);
    const a = obj(await t.client.get(`${t.pe}/GCP/endpointService/${legacy["id"]}`));
    const names = a["serviceAttachmentNames"] as string[];
    assert.equal(names.length, 6);
    names.forEach((n, i) => assert.match(n, new RegExp(`^projects/p-[0-9a-z]{24}/regions/us-east4/serviceAttachments/sa-us-east4-${t.projectId}-${i}$`)));
    assert.equal(a["portMappingEnabled"], false);
    const b = obj(await t.client.get(`${t.pe}/GCP/endpointService/${mapped["id"]}`));
    assert.equal((b["serviceAttachmentNames"] as string[]).length, 1);
    assert.equal(b["portMappingEnabled"], true);
  });

  it("lists a provider's services as a bare array", async () => {
    const res = await t.client.get(`${t.pe}/GCP/endpointService`);
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.json));
    assert.equal((res.json as unknown[]).length, 2);
    const none = await t.client.get(`/api/atlas/v2/groups/${t.projectId}/privateEndpoint/AZURE/endpointService`);
    assert.equal((none.json as unknown[]).length, 1);
  });

  const invalid: [string, unknown, number, string][] = [
    ["unknown provider", { providerName: "IBM", region: "x" }, 400, "INVALID_PROVIDER"],
    ["provider missing", { region: "us-east-1" }, 400, "MISSING_ATTRIBUTE"],
    ["region missing", { providerName: "AWS" }, 400, "MISSING_ATTRIBUTE"],
    ["region of another provider", { providerName: "AZURE", region: "us-east-1" }, 400, "INVALID_REGION"],
    ["region nonsense", { providerName: "GCP", region: "moon-1" }, 400, "INVALID_REGION"],
    ["region of the wrong type", { providerName: "AWS", region: 5 }, 400, "INVALID_ATTRIBUTE"],
    ["provider of the wrong type", { providerName: ["AWS"], region: "us-east-1" }, 400, "INVALID_ATTRIBUTE"],
    ["port mapping outside GCP", { providerName: "AWS", region: "us-east-2", portMappingEnabled: true }, 400, "INVALID_ATTRIBUTE"],
    ["port mapping not a boolean", { providerName: "GCP", region: "us-west1", portMappingEnabled: "yes" }, 400, "INVALID_ATTRIBUTE"],
    ["remote regions on Azure", { providerName: "AZURE", region: "eastus", supportedRemoteRegions: ["US_EAST_1"] }, 404, "PROVIDER_UNSUPPORTED"],
    ["remote regions in cloud form", { providerName: "AWS", region: "us-west-2", supportedRemoteRegions: ["us-east-1"] }, 400, "INVALID_ATTRIBUTE"],
    ["remote regions with the home region", { providerName: "AWS", region: "us-west-2", supportedRemoteRegions: ["US_EAST_1", "US_WEST_2"] }, 400, "CROSS_REGION_PRIVATE_LINK_SELF_REGION"],
    ["remote regions not a list", { providerName: "AWS", region: "us-west-2", supportedRemoteRegions: "US_EAST_1" }, 400, "INVALID_ATTRIBUTE"],
    ["a body that is not an object", [1, 2], 400, "INVALID_JSON"],
  ];
  for (const [name, body, status, code] of invalid) {
    it(`refuses ${name}: ${status} ${code}`, async () => {
      const res = await create(body);
      assert.equal(res.status, status);
      assert.equal(obj(res)["errorCode"], code);
      assert.equal(res.headers["content-type"], "application/json");
    });
  }

  it("refuses more than 35 remote regions", async () => {
    const regions = Array.from({ length: 36 }, () => "US_EAST_1");
    const res = await create({ providerName: "AWS", region: "us-west-2", supportedRemoteRegions: regions });
    assert.equal(obj(res)["errorCode"], "INVALID_ATTRIBUTE");
  });

  it("cross-region AWS: create with remote regions, PATCH them (back through INITIATING), clear with []", async () => {
    const created = obj(await create({ providerName: "AWS", region: "US_WEST_2", supportedRemoteRegions: ["US_EAST_1", "US_EAST_1", "EU_WEST_1"] }));
    assert.deepEqual(created["supportedRemoteRegions"], ["US_EAST_1", "EU_WEST_1"]);
    t.clock.advance(1000);
    const path = `${t.pe}/endpointService/${created["id"]}`;
    const patched = await t.client.patch(path, { cloudProvider: "AWS", supportedRemoteRegions: ["CA_CENTRAL_1"] });
    assert.equal(patched.status, 200);
    assert.equal(obj(patched)["status"], "INITIATING");
    assert.deepEqual(obj(patched)["supportedRemoteRegions"], ["CA_CENTRAL_1"]);
    t.clock.advance(1000);
    const cleared = obj(await t.client.patch(path, { cloudProvider: "AWS", supportedRemoteRegions: [] }));
    assert.equal(cleared["supportedRemoteRegions"], null);
    const nulled = obj(await t.client.patch(path, { cloudProvider: "AWS", supportedRemoteRegions: null }));
    assert.equal(nulled["supportedRemoteRegions"], null);
    assert.equal(obj(await t.client.patch(path, { cloudProvider: "AWS", supportedRemoteRegions: ["US_WEST_2"] }))["errorCode"], "CROSS_REGION_PRIVATE_LINK_SELF_REGION");
    assert.equal(obj(await t.client.patch(path, { cloudProvider: "AZURE", supportedRemoteRegions: [] }))["errorCode"], "PROVIDER_UNSUPPORTED");
    assert.equal(obj(await t.client.patch(path, { supportedRemoteRegions: [] }))["errorCode"], "MISSING_ATTRIBUTE");
  });

  it("PATCH of a non-AWS service is PROVIDER_UNSUPPORTED; of an unknown one 404", async () => {
    const az = (await t.client.get(`${t.pe}/AZURE/endpointService`)).json as { id: string }[];
    const res = await t.client.patch(`${t.pe}/endpointService/${az[0]!.id}`, { cloudProvider: "AWS", supportedRemoteRegions: [] });
    assert.equal(obj(res)["errorCode"], "PROVIDER_UNSUPPORTED");
    const missing = await t.client.patch(`${t.pe}/endpointService/aaaaaaaaaaaaaaaaaaaaaaaa`, { cloudProvider: "AWS", supportedRemoteRegions: [] });
    assert.equal(missing.status, 404);
  });

  it("deletes: 202 {}, then DELETING, then 404", async () => {
    const created = obj(await create({ providerName: "AWS", region: "ap-south-1" }));
    const path = `${t.pe}/AWS/endpointService/${created["id"]}`;
    const del = await t.client.delete(path);
    assert.equal(del.status, 202);
    assert.equal(del.text, "{}");
    assert.equal(obj(await t.client.get(path))["status"], "DELETING");
    assert.equal((await t.client.delete(path)).status, 202, "deleting twice is accepted");
    t.clock.advance(1000);
    const gone = await t.client.get(path);
    assert.equal(gone.status, 404);
    assert.equal(obj(gone)["errorCode"], "RESOURCE_NOT_FOUND");
    assert.equal((await create({ providerName: "AWS", region: "ap-south-1" })).status, 201, "the region is free again");
  });

  it("404 for another provider's path, 400 PATH_PARAM_PARSE_ERROR for malformed ids", async () => {
    const aws = ((await t.client.get(`${t.pe}/AWS/endpointService`)).json as { id: string }[])[0]!;
    assert.equal((await t.client.get(`${t.pe}/GCP/endpointService/${aws.id}`)).status, 404);
    for (const bad of ["zzz", "6A793F68C0EB9E7A17715835", "6a793f68c0eb9e7a1771583", "%zz"]) {
      const res = await t.client.get(`${t.pe}/AWS/endpointService/${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(obj(res)["errorCode"], "PATH_PARAM_PARSE_ERROR");
    }
    const badGroup = await t.client.get(`/api/atlas/v2/groups/not-a-group/privateEndpoint/AWS/endpointService`);
    assert.equal(obj(badGroup)["errorCode"], "PATH_PARAM_PARSE_ERROR");
    assert.equal(obj(await t.client.get(`${t.pe}/aws/endpointService`))["errorCode"], "INVALID_PROVIDER");
  });

  it("GROUP_NOT_FOUND for an unknown project, as recorded", async () => {
    const res = await t.client.get(`/api/atlas/v2/groups/111111111111111111111111/privateEndpoint/AWS/endpointService`);
    assert.equal(res.status, 404);
    assert.equal(res.text, '{"detail":"No group with ID 111111111111111111111111 exists.","error":404,"errorCode":"GROUP_NOT_FOUND","parameters":["111111111111111111111111"],"reason":"Not Found"}');
    assert.equal(res.headers["ratelimit-limit"], undefined, "no bucket is charged for an unknown group");
  });

  it("serves the legacy v1.0 paths with application/json", async () => {
    const created = obj(await t.client.post(`/api/atlas/v1.0/groups/${t.projectId}/privateEndpoint/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    assert.equal(created["regionName"], "US_EAST_1");
    const res = await t.client.get(`/api/atlas/v1.0/groups/${t.projectId}/privateEndpoint/AWS/endpointService/${created["id"]}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "application/json");
    const list = await t.client.get(`/api/atlas/v1.0/groups/${t.projectId}/privateEndpoint/AWS/endpointService`);
    assert.ok(Array.isArray(list.json));
    // v1.0 has no PATCH of an endpoint service.
    assert.equal((await t.client.patch(`/api/atlas/v1.0/groups/${t.projectId}/privateEndpoint/endpointService/${created["id"]}`, {})).status, 404);
  });
});

describe("endpoint service deletion with endpoints", () => {
  it("409 CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS by default; cascades when the profile says so", async () => {
    const t = await testEmulator({ profile: "instant" });
    const s = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    await t.client.post(`${t.pe}/AWS/endpointService/${s["id"]}/endpoint`, { id: "vpce-0123456789abcdef0" });
    const refused = await t.client.delete(`${t.pe}/AWS/endpointService/${s["id"]}`);
    assert.equal(refused.status, 409);
    assert.equal(obj(refused)["detail"], "A PrivateLink with endpoints cannot be deleted. Please delete all endpoints and retry.");

    t.app.emulator.setProfile({ ...t.app.emulator.profile, options: { ...t.app.emulator.profile.options, cascadeServiceDelete: true } });
    assert.equal((await t.client.delete(`${t.pe}/AWS/endpointService/${s["id"]}`)).status, 202);
    assert.equal((await t.client.get(`${t.pe}/AWS/endpointService/${s["id"]}`)).status, 404);
    assert.equal(t.app.emulator.store.counts().privateEndpoints, 0);
    await t.close();
  });
});
