import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { obj, testEmulator, V2 } from "../testing/client.js";

describe("API pipeline", () => {
  it("pretty=true indents; envelope=true wraps with the status", async () => {
    const t = await testEmulator();
    const pretty = await t.client.get(`${t.pe}/regionalMode?pretty=true`);
    assert.equal(pretty.text, '{\n  "enabled": false\n}');
    const env = await t.client.post(`${t.pe}/endpointService?envelope=true`, { providerName: "AWS", region: "us-east-1" });
    assert.equal(env.status, 200);
    const body = obj(env);
    assert.equal(body["status"], 201);
    assert.equal((body["content"] as Record<string, unknown>)["status"], "INITIATING");
    const list = obj(await t.client.get(`${t.pe}/AWS/endpointService?envelope=true`));
    assert.equal(list["status"], 200);
    assert.ok(Array.isArray(list["content"]));
    const groups = obj(await t.client.get(`/api/atlas/v2/groups?envelope=true`));
    assert.deepEqual(Object.keys(groups), ["links", "results", "status", "totalCount"]);
    const err = await t.client.get(`${t.pe}/AWS/endpointService/aaaaaaaaaaaaaaaaaaaaaaaa?envelope=true`);
    assert.equal(err.status, 200);
    assert.equal((obj(err)["content"] as Record<string, unknown>)["errorCode"], "RESOURCE_NOT_FOUND");
    assert.equal(obj(err)["status"], 404);
    assert.equal(obj(await t.client.get(`${t.pe}/regionalMode?pretty=yes`))["errorCode"], "INVALID_QUERY_PARAMETER");
    await t.close();
  });

  it("406 INVALID_VERSION_DATE without a usable versioned Accept; a later date gets 2023-01-01", async () => {
    const t = await testEmulator();
    for (const accept of [null, "application/json", "*/*", "application/vnd.atlas.2022-01-01+json", "application/vnd.atlas.2023-13-01+json", "application/vnd.atlas.preview+json"]) {
      const res = await t.client.get(`${t.pe}/regionalMode`, { accept });
      assert.equal(res.status, 406, String(accept));
      assert.deepEqual(obj(res), { detail: "Invalid accept header or version date.", error: 406, errorCode: "INVALID_VERSION_DATE", parameters: [], reason: "Not Acceptable" });
    }
    const later = await t.client.get(`${t.pe}/regionalMode`, { accept: "application/vnd.atlas.2025-03-12+json" });
    assert.equal(later.headers["content-type"], "application/vnd.atlas.2023-01-01+json;charset=utf-8");
    await t.close();
  });

  it("415 for a non-JSON body, 400 MALFORMED_JSON for broken JSON, 413 for a huge body", async () => {
    const t = await testEmulator({ bodyLimit: 10_000 });
    const url = `${t.pe}/endpointService`;
    const form = await t.client.post(url, undefined, { rawBody: "providerName=AWS", contentType: "application/x-www-form-urlencoded" });
    assert.equal(form.status, 415);
    assert.equal(obj(form)["errorCode"], "UNSUPPORTED_MEDIA_TYPE");
    assert.equal(obj(await t.client.post(url, undefined, { rawBody: "{", contentType: V2 }))["errorCode"], "MALFORMED_JSON");
    assert.equal(obj(await t.client.post(url, undefined, {}))["errorCode"], "MALFORMED_JSON");
    const huge = await t.client.post(url, undefined, { rawBody: JSON.stringify({ providerName: "AWS", region: "x".repeat(20_000) }), contentType: V2 });
    assert.equal(huge.status, 413);
    assert.equal(obj(huge)["errorCode"], "REQUEST_ENTITY_TOO_LARGE");
    await t.close();
  });

  it("404 NOT_FOUND for unknown paths, 405 METHOD_NOT_ALLOWED with Allow", async () => {
    const t = await testEmulator();
    const unknown = await t.client.get("/api/atlas/v2/groups/x/y/z/w");
    assert.equal(unknown.status, 404);
    assert.equal(obj(unknown)["errorCode"], "NOT_FOUND");
    const put = await t.client.call("PUT", `${t.pe}/regionalMode`);
    assert.equal(put.status, 405);
    assert.equal(put.headers["allow"], "GET, PATCH");
    assert.equal(obj(await t.control.get("/elsewhere"))["errorCode"], "NOT_FOUND");
    await t.close();
  });

  it("Ratelimit headers per project; 429 RATE_LIMITED with Retry-After past the limit; refills on the clock", async () => {
    const t = await testEmulator({ rateLimit: { capacity: 3, refill: 1, periodMs: 10_000 } });
    const path = `${t.pe}/regionalMode`;
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await t.client.get(path);
      assert.equal(r.headers["ratelimit-limit"], "3");
      remaining.push(String(r.headers["ratelimit-remaining"]));
    }
    assert.deepEqual(remaining, ["2", "1", "0"]);
    const limited = await t.client.get(path);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers["retry-after"], "10");
    assert.equal(limited.headers["x-error-code"], "RATE_LIMITED");
    assert.equal(obj(limited)["reason"], "Too Many Requests");
    t.clock.advance(10_000);
    assert.equal((await t.client.get(path)).status, 200);
    await t.close();
  });

  it("marks every answer as the emulator's", async () => {
    const t = await testEmulator();
    assert.equal((await t.client.get(`${t.pe}/regionalMode`)).headers["x-atlas-emulator"], "0.1.0");
    await t.close();
  });
});
