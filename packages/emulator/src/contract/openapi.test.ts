import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { obj, testEmulator } from "../testing/client.js";
import { SPEC_OVERRIDES, SpecValidator } from "../testing/spec.js";

/**
 * Every response of every private-endpoint operation, success and error, on every provider,
 * validated against the OpenAPI subset (with the documented overrides only).
 */
describe("responses against the OpenAPI subset", () => {
  let validator: SpecValidator;
  before(() => {
    validator = new SpecValidator();
  });

  it("the validator itself catches what it must (missing, extra and mistyped keys, bad enum, bad pattern)", () => {
    const good = {
      cloudProvider: "AWS",
      endpointServiceName: null,
      errorMessage: null,
      id: "6a793f68c0eb9e7a17715835",
      interfaceEndpoints: ["vpce-0123456789abcdef0"],
      regionName: "EU_WEST_1",
      status: "INITIATING",
      supportedRemoteRegions: null,
    };
    const path = "/api/atlas/v2/groups/6a793f68c0eb9e7a17715835/privateEndpoint/AWS/endpointService/6a793f68c0eb9e7a17715835";
    assert.deepEqual(validator.validate("GET", path, 200, good)?.errors, []);
    const { regionName: _r, ...missing } = good;
    const bad: unknown[] = [missing, { ...good, extra: 1 }, { ...good, status: "READY" }, { ...good, id: "xyz" }, { ...good, interfaceEndpoints: "vpce-1" }, { ...good, cloudProvider: "IBM" }];
    for (const b of bad) assert.notDeepEqual(validator.validate("GET", path, 200, b)?.errors, [], JSON.stringify(b));
    assert.notDeepEqual(validator.validate("GET", path, 404, { error: "404" })?.errors, []);
    // Error parameters: strings or integers (as Atlas sends them), nothing else.
    const error = { detail: "d", error: 429, errorCode: "RATE_LIMITED", parameters: ["/api/atlas/v2/groups/x", 4000, 1], reason: "Too Many Requests" };
    assert.deepEqual(validator.validate("GET", path, 429, error)?.errors, []);
    for (const item of [{}, null, true, 1.5, ["x"]]) {
      assert.notDeepEqual(validator.validate("GET", path, 429, { ...error, parameters: ["x", item] })?.errors, [], JSON.stringify(item));
    }
    assert.equal(validator.validate("GET", "/api/atlas/v2/groups", 200, {}), undefined, "not an operation of the subset");
    assert.ok(SPEC_OVERRIDES.length > 0);
  });

  it("covers all ten operations, each with a success and an error, on all three providers", async () => {
    const t = await testEmulator({ profile: "instant", strictCloud: false });
    const seen = new Map<string, Set<string>>();
    let validated = 0;
    t.client.onResponse = (req, res) => {
      const v = validator.validate(req.method, req.path, res.status, res.json);
      if (!v) return;
      validated++;
      assert.deepEqual(v.errors, [], `${req.method} ${req.path} → ${res.status} ${res.text.slice(0, 300)}`);
      const kinds = seen.get(v.operationId) ?? new Set<string>();
      kinds.add(res.status < 400 ? "ok" : "error");
      seen.set(v.operationId, kinds);
    };
    const pe = t.pe;
    const ARM = "/subscriptions/4e133d35-e734-4380-a565-c0945535da37/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-1";
    const bodies = {
      AWS: { service: { providerName: "AWS", region: "us-east-1", supportedRemoteRegions: ["US_WEST_2"] }, endpoint: { id: "vpce-0123456789abcdef0" }, endpointId: "vpce-0123456789abcdef0" },
      AZURE: { service: { providerName: "AZURE", region: "eastus2" }, endpoint: { id: ARM, privateEndpointIPAddress: "10.0.0.4" }, endpointId: encodeURIComponent(ARM) },
      GCP: {
        service: { providerName: "GCP", region: "us-central1" },
        endpoint: { endpointGroupName: "group-1", gcpProjectId: "customer-1", endpoints: [{ endpointName: "rule-1", ipAddress: "10.0.0.9" }] },
        endpointId: "group-1",
      },
    } as const;
    for (const [provider, b] of Object.entries(bodies)) {
      const created = obj(await t.client.post(`${pe}/endpointService`, b.service));
      await t.client.post(`${pe}/endpointService`, b.service); // 409
      const base = `${pe}/${provider}/endpointService/${created["id"]}`;
      await t.client.get(base); // AVAILABLE (instant)
      await t.client.get(`${pe}/${provider}/endpointService`);
      await t.client.get(`${pe}/${provider}/endpointService/ffffffffffffffffffffffff`); // 404
      await t.client.post(`${base}/endpoint`, b.endpoint);
      await t.client.post(`${base}/endpoint`, b.endpoint); // 409
      await t.client.get(`${base}/endpoint/${b.endpointId}`);
      await t.client.get(`${base}/endpoint/${b.endpointId}`); // later status
      await t.client.get(base); // with the endpoint listed
      await t.client.delete(base); // 409: still has an endpoint
      await t.client.delete(`${base}/endpoint/${b.endpointId}`);
      await t.client.get(`${base}/endpoint/${b.endpointId}`); // 404 (instant)
      await t.client.delete(`${base}/endpoint/${b.endpointId}`); // 404
      if (provider === "AWS") {
        await t.client.patch(`${pe}/endpointService/${created["id"]}`, { cloudProvider: "AWS", supportedRemoteRegions: ["EU_WEST_1"] });
        await t.client.patch(`${pe}/endpointService/${created["id"]}`, { cloudProvider: "AWS", supportedRemoteRegions: ["us-east-1"] }); // 400
      }
      await t.client.delete(base);
      await t.client.get(base); // 404 after DELETING (instant)
    }
    await t.client.get(`${pe}/ibm/endpointService`); // 400 INVALID_PROVIDER
    await t.client.get(`${pe}/regionalMode`);
    await t.client.patch(`${pe}/regionalMode`, { enabled: true });
    await t.client.patch(`${pe}/regionalMode`, {}); // 400
    await t.client.get(`/api/atlas/v2/groups/${"0".repeat(24)}/privateEndpoint/regionalMode`); // 404
    // The legacy v1.0 twins validate against the same schemas.
    await t.client.get(`/api/atlas/v1.0/groups/${t.projectId}/privateEndpoint/AWS/endpointService`);
    // A 429 (capacity 1 and nearly no refill on the manual clock), its parameters typed too.
    await t.control.call("PUT", "/_emulator/profile", { body: { base: "instant", rateLimit: { capacity: 1, refill: 1, periodMs: "1h" } } });
    await t.client.get(`${pe}/regionalMode`);
    const limited = await t.client.get(`${pe}/regionalMode`);
    assert.equal(limited.status, 429);
    assert.deepEqual((obj(limited)["parameters"] as unknown[]).map((p) => typeof p), ["string", "number", "number"]);

    for (const id of validator.operationIds) {
      assert.deepEqual([...(seen.get(id) ?? [])].sort(), ["error", "ok"], `${id} needs a validated success and error`);
    }
    assert.ok(validated > 50, `${validated} responses validated`);
    await t.close();
  });
});
