import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { obj, testEmulator, type TestEmulator, type TestResponse } from "../testing/client.js";
import { recordings, type Recording } from "../testing/shared.js";
import { SpecValidator } from "../testing/spec.js";

/**
 * Each recorded Atlas response (../shared/atlas-api/recorded, from the Atlas CLI e2e suite) is
 * reproduced by driving the emulator through the same requests, in the same order, from a fresh
 * project: status, content type, rate-limit headers, key set and order, nulls, and every value
 * that is not a generated id or name (those are checked against the recorded format).
 */
const recorded = recordings();

function rec(name: string): Recording {
  const r = recorded.get(name);
  if (!r) throw new Error(`missing recording ${name}`);
  return r;
}

function json(r: Recording): unknown {
  return JSON.parse(r.body) as unknown;
}

/** Same shape: same keys in the same order, same nulls, same value types, arrays of equal length. */
function assertSameShape(actual: unknown, expected: unknown, at = "$"): void {
  if (expected === null) return assert.equal(actual, null, `${at} must be null`);
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${at} must be an array`);
    assert.equal(actual.length, expected.length, `${at} length`);
    expected.forEach((e, i) => assertSameShape(actual[i], e, `${at}[${i}]`));
    return;
  }
  if (typeof expected === "object") {
    assert.ok(typeof actual === "object" && actual !== null && !Array.isArray(actual), `${at} must be an object`);
    assert.deepEqual(Object.keys(actual), Object.keys(expected), `${at} keys (and their order)`);
    for (const k of Object.keys(expected)) assertSameShape((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${at}.${k}`);
    return;
  }
  assert.equal(typeof actual, typeof expected, `${at} type`);
}

/** A recorded value turned into a pattern: ids and generated names become character classes. */
function shapeOf(value: string, substitutions: [string, string][]): RegExp {
  let src = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const [from, to] of substitutions) src = src.split(from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(to);
  return new RegExp(`^${src}$`);
}

function assertMatchesRecording(res: TestResponse, r: Recording, exact: string[]): void {
  assert.equal(res.status, r.status, `${r.name}: status`);
  assert.equal(res.headers["content-type"], r.headers["content-type"], `${r.name}: content type`);
  assert.equal(res.headers["ratelimit-limit"], r.headers["ratelimit-limit"], `${r.name}: Ratelimit-Limit`);
  assert.equal(res.headers["ratelimit-remaining"] === undefined, r.headers["ratelimit-remaining"] === undefined, `${r.name}: Ratelimit-Remaining presence`);
  if (r.headers["x-error-code"] !== undefined) assert.equal(res.headers["x-error-code"], r.headers["x-error-code"]);
  const expected = json(r);
  assertSameShape(res.json, expected);
  const pick = (v: unknown) => (Array.isArray(v) ? v[0] : v) as Record<string, unknown>;
  for (const k of exact) assert.deepEqual(pick(res.json)[k], pick(expected)[k], `${r.name}: ${k}`);
}

const HEX24 = "[0-9a-f]{24}";

describe("recorded Atlas responses, reproduced", () => {
  let validator: SpecValidator;
  before(() => {
    validator = new SpecValidator();
  });

  const validating = (t: TestEmulator) => {
    t.client.onResponse = (req, res) => {
      const v = validator.validate(req.method, req.path, res.status, res.json);
      if (v) assert.deepEqual(v.errors, [], `${req.method} ${req.path} → ${res.status} against ${v.schema}`);
    };
  };

  for (const provider of ["AWS", "Azure", "GCP"] as const) {
    it(`${provider}: create (201) → watch INITIATING → watch AVAILABLE → describe → list → delete (202 {})`, async () => {
      const P = provider.toUpperCase();
      const t = await testEmulator({ profile: "realistic" });
      validating(t);
      const name = (op: string) => `TestPrivateEndpoints${provider}_${op}`;
      const create = rec(name(`Create_POST_privateEndpoint_endpointService_1`));
      const watch1 = rec(name(`Watch_GET_privateEndpoint_${P}_endpointService_ID_1`));
      const watch2 = rec(name(`Watch_GET_privateEndpoint_${P}_endpointService_ID_2`));
      const describe_ = rec(name(`Describe_GET_privateEndpoint_${P}_endpointService_ID_1`));
      const list = rec(name(`List_GET_privateEndpoint_${P}_endpointService_1`));
      const del = rec(name(`Delete_DELETE_privateEndpoint_${P}_endpointService_ID_1`));
      // The CLI sent cloud-native (AWS) or Atlas-form (Azure, GCP) regions (atlas-api.md §11).
      const region = { AWS: "eu-west-1", Azure: "ASIA_SOUTH_EAST", GCP: "US_EAST_4" }[provider];
      const exact = ["cloudProvider", "errorMessage", "regionName", "status", "interfaceEndpoints", "supportedRemoteRegions", "privateEndpoints", "endpointGroupNames", "portMappingEnabled"];

      const created = await t.client.post(`${t.pe}/endpointService`, { providerName: P, region });
      assertMatchesRecording(created, create, exact);
      assert.equal(created.headers["ratelimit-remaining"], create.headers["ratelimit-remaining"], "a fresh project's first call leaves 3999");
      const id = String(obj(created)["id"]);
      const path = `${t.pe}/${P}/endpointService/${id}`;

      t.clock.advance(3_000);
      assertMatchesRecording(await t.client.get(path), watch1, exact);
      assert.equal((await t.client.get(path)).headers["ratelimit-remaining"] !== undefined, true);
      // The recorded readiness times are the realistic profile's.
      t.clock.advance({ AWS: 148_000, Azure: 61_000, GCP: 260_000 }[provider]);
      const ready = await t.client.get(path);
      assertMatchesRecording(ready, watch2, exact);
      const d = await t.client.get(path);
      assertMatchesRecording(d, describe_, exact);
      const l = await t.client.get(`${t.pe}/${P}/endpointService`);
      assertMatchesRecording(l, list, exact);
      const x = await t.client.delete(path);
      assertMatchesRecording(x, del, []);
      assert.equal(x.text, "{}");
      // Back-to-back calls cost one token each, as recorded (describe → list → delete).
      const remaining = [d, l, x].map((r) => Number(r.headers["ratelimit-remaining"]));
      const recordedRemaining = [describe_, list, del].map((r) => Number(r.headers["ratelimit-remaining"]));
      assert.deepEqual(remaining.map((n) => remaining[0]! - n), recordedRemaining.map((n) => recordedRemaining[0]! - n));

      // Generated values, in the recorded formats.
      const body = obj(ready);
      const recBody = json(watch2) as Record<string, unknown>;
      const recId = String(recBody["id"]);
      if (provider === "AWS") {
        assert.match(String(body["endpointServiceName"]), shapeOf(String(recBody["endpointServiceName"]), [["0667f4ca6f4a2bbc8", "[0-9a-f]{17}"]]));
      } else if (provider === "Azure") {
        assert.equal(body["privateLinkServiceName"], `pls_${id}`);
        const shape = shapeOf(String(recBody["privateLinkServiceResourceId"]), [
          ["4e133d35-e734-4380-a565-c0945535da37", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"],
          ["6a794010c0eb9e7a17719675", HEX24],
          ["hgz8ye9p", "[0-9a-z]{8}"],
          [recId, id],
        ]);
        assert.match(String(body["privateLinkServiceResourceId"]), shape);
      } else {
        const names = body["serviceAttachmentNames"] as string[];
        (recBody["serviceAttachmentNames"] as string[]).forEach((n, i) =>
          assert.match(names[i]!, shapeOf(n, [["v5pcdiyuzgkbs9nznvlrgpyp", "[0-9a-z]{24}"], ["6a79405cc0eb9e7a1771b035", t.projectId]])),
        );
      }
      await t.close();
    });
  }

  it("regionalMode: enable (202), disable (202), get (200), with the recorded token counts", async () => {
    const t = await testEmulator();
    validating(t);
    const enable = rec("TestRegionalizedPrivateEndpointsSettings_Enable_regionalized_private_endpoint_setting_PATCH_privateEndpoint_regionalMode_1");
    const disable = rec("TestRegionalizedPrivateEndpointsSettings_Disable_regionalized_private_endpoint_setting_PATCH_privateEndpoint_regionalMode_1");
    const get = rec("TestRegionalizedPrivateEndpointsSettings_Get_regionalized_private_endpoint_setting_GET_privateEndpoint_regionalMode_1");
    for (const [res, r] of [
      [await t.client.patch(`${t.pe}/regionalMode`, { enabled: true }), enable],
      [await t.client.patch(`${t.pe}/regionalMode`, { enabled: false }), disable],
      [await t.client.get(`${t.pe}/regionalMode`), get],
    ] as const) {
      assertMatchesRecording(res, r, ["enabled"]);
      assert.equal(res.text, r.body);
      assert.equal(res.headers["ratelimit-remaining"], r.headers["ratelimit-remaining"]);
    }
    await t.close();
  });

  it("GROUP_NOT_FOUND: byte for byte, without rate-limit headers", async () => {
    const t = await testEmulator();
    validating(t);
    const r = rec("GROUP_NOT_FOUND");
    const res = await t.client.get(`/api/atlas/v2/groups/111111111111111111111111/privateEndpoint/AWS/endpointService`);
    assertMatchesRecording(res, r, ["detail", "error", "errorCode", "parameters", "reason"]);
    assert.equal(res.text, r.body);
    assert.equal(res.headers["content-length"], r.headers["content-length"]);
    await t.close();
  });

  it("RESOURCE_NOT_FOUND: the recorded shape for a missing endpoint service", async () => {
    const t = await testEmulator();
    validating(t);
    const r = rec("RESOURCE_NOT_FOUND");
    const res = await t.client.get(`${t.pe}/AWS/endpointService/6a79450d2c88faeba59d4082`);
    assertMatchesRecording(res, { ...r, headers: { ...r.headers, "ratelimit-limit": "4000" } }, ["error", "errorCode", "reason"]);
    const body = obj(res);
    assert.equal(body["detail"], `Cannot find resource ${(body["parameters"] as string[])[0]}.`);
    await t.close();
  });

  it("every recording in the folder is covered by a test above or is not a private-endpoint one", () => {
    const covered = [...recorded.keys()].filter((n) => n.startsWith("TestPrivateEndpoints") || n.startsWith("TestRegionalized") || n === "GROUP_NOT_FOUND" || n === "RESOURCE_NOT_FOUND");
    assert.equal(covered.length, 23);
    const others = [...recorded.keys()].filter((n) => !covered.includes(n)).sort();
    assert.deepEqual(others, ["CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED", "CLUSTER_NOT_FOUND", "LIST_ENVELOPE_clusters_provider_regions"]);
  });
});
