import assert from "node:assert/strict";
import { request } from "node:http";
import { describe, it } from "node:test";
import { startEmulator } from "../index.js";
import { MAX_CLOCK_MS } from "../lifecycle/clock.js";
import { endpointStatuses } from "../lifecycle/transitions.js";
import { AtlasTestClient, fetchTransport, injectTransport, obj, testEmulator } from "../testing/client.js";

describe("control API", () => {
  it("health", async () => {
    const t = await testEmulator();
    const h = obj(await t.control.get("/_emulator/health"));
    assert.equal(h["status"], "ok");
    assert.equal(h["clock"], "manual");
    assert.equal(h["storage"], ":memory:");
    assert.deepEqual(h["counts"], { orgs: 1, projects: 1, apiKeys: 1, serviceAccounts: 0, endpointServices: 0, privateEndpoints: 0, cloudEndpoints: 0, pendingTransitions: 0 });
    await t.close();
  });

  it("only answers loopback clients, unless they present the control token", async () => {
    const t = await testEmulator({ controlToken: "s3cret" });
    const remote = new AtlasTestClient(injectTransport(t.app, "10.1.2.3"), null);
    const refused = await remote.get("/_emulator/health");
    assert.equal(refused.status, 403);
    assert.equal(obj(refused)["errorCode"], "CONTROL_API_FORBIDDEN");
    assert.equal((await remote.get("/_emulator/health", { headers: { "x-emulator-token": "s3cret" } })).status, 200);
    assert.equal((await remote.get("/_emulator/health", { headers: { authorization: "Bearer s3cret" } })).status, 200);
    assert.equal((await remote.get("/_emulator/health", { headers: { "x-emulator-token": "nope" } })).status, 403);
    assert.equal((await new AtlasTestClient(injectTransport(t.app, "::ffff:127.0.0.1"), null).get("/_emulator/health")).status, 200);
    await t.close();
  });

  it("refuses what a browser sends for another site's page, and Host names other than loopback", async () => {
    const t = await testEmulator({ profile: "instant" });
    const local = new AtlasTestClient(injectTransport(t.app, "127.0.0.1"), null);
    const reset = (headers: Record<string, string>) => local.post("/_emulator/reset", {}, { headers: { host: "127.0.0.1:8080", ...headers } });
    // A cross-site form post (foreign Origin, text/plain body) must not reset the emulator.
    const form = await local.call("POST", "/_emulator/reset", { rawBody: "x=1", contentType: "text/plain", headers: { host: "127.0.0.1:8080", origin: "https://evil.example" } });
    assert.equal(form.status, 403);
    for (const headers of <Record<string, string>[]>[
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "null" },
      { origin: "http://127.0.0.1:9999" },
      { host: "rebound.evil.example:8080" },
    ]) {
      const refused = await reset(headers);
      assert.equal(refused.status, 403, JSON.stringify(headers));
      assert.equal(obj(refused)["errorCode"], "CONTROL_API_FORBIDDEN");
      assert.match(String(obj(refused)["detail"]), headers["host"] ? /DNS-rebinding/ : /another origin/);
    }
    // Same-origin pages, address-bar navigation and non-browser clients are answered.
    for (const headers of <Record<string, string>[]>[{}, { origin: "http://127.0.0.1:8080" }, { "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, { host: "localhost:8080" }, { host: "[::1]:8080" }]) {
      assert.equal((await reset(headers)).status, 200, JSON.stringify(headers));
    }
    // With the control token a client is answered whatever it is.
    const tokened = await testEmulator({ controlToken: "s3cret" });
    const browser = new AtlasTestClient(injectTransport(tokened.app, "10.1.2.3"), null);
    assert.equal((await browser.get("/_emulator/health", { headers: { host: "emulator.internal:8080", "x-emulator-token": "s3cret" } })).status, 200);
    await tokened.close();
    await t.close();
  });

  it("objects: everything held; reset empties it but keeps the bootstrap", async () => {
    const t = await testEmulator({ profile: "instant" });
    const s = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    await t.client.post(`${t.pe}/AWS/endpointService/${s["id"]}/endpoint`, { id: "vpce-0123456789abcdef0" });
    await t.control.post("/_emulator/cloud/aws/endpoints", { id: "vpce-0123456789abcdef0" });
    const all = obj(await t.control.get("/_emulator/objects"));
    const services = all["endpointServices"] as Record<string, unknown>[];
    assert.equal(services.length, 1);
    assert.equal(services[0]!["projectId"], t.projectId);
    assert.equal(services[0]!["id"], s["id"]);
    const endpoints = all["privateEndpoints"] as Record<string, unknown>[];
    assert.equal(endpoints[0]!["interfaceEndpointId"], "vpce-0123456789abcdef0");
    assert.equal(endpoints[0]!["endpointServiceId"], s["id"]);
    assert.deepEqual(endpoints[0]!["pending"], { nextAt: null, readsLeft: null });
    assert.equal((all["apiKeys"] as unknown[]).length, 1);
    assert.equal((all["cloudEndpoints"] as unknown[]).length, 1);
    assert.deepEqual(obj(await t.control.get("/_emulator/objects?counts=only")), { counts: all["counts"] });

    const reset = obj(await t.control.post("/_emulator/reset", {}));
    assert.equal(reset["bootstrapKept"], true);
    const after = obj(await t.control.get("/_emulator/objects"));
    assert.deepEqual(after["endpointServices"], []);
    assert.deepEqual(after["privateEndpoints"], []);
    assert.deepEqual(after["cloudEndpoints"], []);
    assert.deepEqual((after["projects"] as { id: string }[]).map((p) => p.id), [t.projectId]);
    assert.equal((await t.client.get(`${t.pe}/AWS/endpointService`)).status, 200, "the bootstrap key still works");

    await t.control.post("/_emulator/reset", { everything: true });
    assert.deepEqual(obj(await t.control.get("/_emulator/objects"))["counts"], {
      orgs: 0, projects: 0, apiKeys: 0, serviceAccounts: 0, endpointServices: 0, privateEndpoints: 0, cloudEndpoints: 0, pendingTransitions: 0,
    });
    await t.close();
  });

  it("quick projects, orgs and keys", async () => {
    const t = await testEmulator();
    const p = obj(await t.control.post("/_emulator/projects", {}));
    assert.match(String(p["id"]), /^[0-9a-f]{24}$/);
    assert.equal(p["orgId"], t.orgId);
    const fixed = obj(await t.control.post("/_emulator/projects", { id: "0123456789abcdef01234567", name: "fixed" }));
    assert.equal(fixed["id"], "0123456789abcdef01234567");
    assert.equal((await t.control.post("/_emulator/projects", { id: "0123456789abcdef01234567" })).status, 400);
    // projectId is an alias of id (docs/emulator.md).
    assert.equal(obj(await t.control.post("/_emulator/projects", { projectId: "0123456789abcdef01234568" }))["id"], "0123456789abcdef01234568");
    // ?include=counts is an alias of ?counts=only.
    const counts = obj(await t.control.get("/_emulator/objects?include=counts"));
    assert.deepEqual(Object.keys(counts), ["counts"]);
    assert.deepEqual(counts, obj(await t.control.get("/_emulator/objects?counts=only")));
    assert.equal(obj(await t.control.post("/_emulator/projects", { orgId: "aaaaaaaaaaaaaaaaaaaaaaaa" }))["errorCode"], "ORG_NOT_FOUND");
    assert.equal(obj(await t.control.post("/_emulator/api-keys", { roles: ["Project Owner"] }))["errorCode"], "VALIDATION_ERROR");
    assert.equal(obj(await t.control.post("/_emulator/api-keys", { roles: ["Wizard"] }))["errorCode"], "VALIDATION_ERROR");
    const k = obj(await t.control.post("/_emulator/api-keys", { publicKey: "scripted", privateKey: "also-scripted", roles: [{ role: "GROUP_READ_ONLY", projectId: p["id"] }] }));
    assert.equal(k["publicKey"], "scripted");
    assert.equal((await t.control.delete("/_emulator/api-keys/scripted")).status, 204);
    assert.equal((await t.control.delete("/_emulator/api-keys/scripted")).status, 404);
    await t.close();
  });

  it("clock: read, advance (steps happen), freeze and resume, set", async () => {
    const t = await testEmulator();
    const s = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    const c0 = obj(await t.control.get("/_emulator/clock"));
    assert.equal(c0["mode"], "manual");
    assert.ok(c0["nextDeadline"]);
    const c1 = obj(await t.control.post("/_emulator/clock", { advance: "1s" }));
    assert.equal(c1["transitionsApplied"], 1);
    assert.equal(c1["epochMs"], Number(c0["epochMs"]) + 1000);
    assert.equal(obj(await t.client.get(`${t.pe}/AWS/endpointService/${s["id"]}`))["status"], "AVAILABLE");
    const resumed = obj(await t.control.post("/_emulator/clock", { resume: true }));
    assert.equal(resumed["mode"], "real");
    const frozen = obj(await t.control.post("/_emulator/clock", { freeze: true }));
    assert.equal(frozen["mode"], "frozen");
    const target = Number(frozen["epochMs"]) + 3_600_000;
    assert.equal(obj(await t.control.post("/_emulator/clock", { set: new Date(target).toISOString() }))["epochMs"], target);
    assert.equal((await t.control.post("/_emulator/clock", { set: 0 })).status, 400);
    assert.equal((await t.control.post("/_emulator/clock", { advance: "soon" })).status, 400);
    await t.close();
  });

  it("clock: refuses instants and durations out of range with a 400 naming field and range, and applies nothing", async () => {
    const t = await testEmulator();
    const max = MAX_CLOCK_MS;
    const refused: [Record<string, unknown>, string, RegExp][] = [
      [{ advance: 1e308 }, "advance", /advance must be a duration .*from 0 to \d+ ms .*2106-02-07T06:28:15\.999Z/],
      [{ advanceMs: 1e308 }, "advanceMs", /advanceMs must be/],
      [{ advance: "Infinity" }, "advance", /advance must be/],
      [{ advance: "NaN" }, "advance", /advance must be/],
      [{ advance: "1e308" }, "advance", /advance must be/],
      [{ advance: -1 }, "advance", /advance must be/],
      [{ advance: "9".repeat(400) + "h" }, "advance", /advance must be/],
      [{ set: 1e20 }, "set", /set must be .*1970-01-01T00:00:00\.000Z to 2106-02-07T06:28:15\.999Z/],
      [{ set: max + 1 }, "set", /set must be/],
      [{ set: -5 }, "set", /set must be/],
      [{ set: "+275760-09-13T00:00:00.000Z" }, "set", /set must be/],
      [{ set: "NaN" }, "set", /set must be/],
      [{ set: 0 }, "set", /never goes backwards/],
      // Nothing of a refused request is applied, not even its valid parts.
      [{ freeze: true, advance: 1e308 }, "advance", /advance must be/],
      [{ resume: true, set: 1e20 }, "set", /set must be/],
      [{ set: max, advance: 1 }, "advance", /from 0 to 0 ms/],
      [{ freeze: "yes" }, "freeze", /freeze must be true or false/],
    ];
    const before = obj(await t.control.get("/_emulator/clock"));
    for (const [body, field, detail] of refused) {
      const res = await t.control.post("/_emulator/clock", body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(obj(res)["errorCode"], "VALIDATION_ERROR");
      assert.match(String(obj(res)["detail"]), new RegExp(field), JSON.stringify(body));
      assert.match(String(obj(res)["detail"]), detail, JSON.stringify(body));
      assert.deepEqual(obj(await t.control.get("/_emulator/clock")), before, `${JSON.stringify(body)} changed the clock`);
    }
    // Up to the limit is fine, and everything keeps answering there.
    const atLimit = obj(await t.control.post("/_emulator/clock", { set: new Date(max).toISOString() }));
    assert.equal(atLimit["epochMs"], max);
    assert.equal(atLimit["now"], "2106-02-07T06:28:15.999Z");
    assert.equal((await t.control.post("/_emulator/clock", { advance: "1ms" })).status, 400);
    assert.equal((await t.control.get("/_emulator/health")).status, 200);
    const project = obj(await t.client.post("/api/atlas/v2/groups", { name: "at-the-limit", orgId: t.orgId }));
    assert.equal(project["created"], "2106-02-07T06:28:15Z");
    assert.match(String(project["id"]), /^ffffffff/, "the ObjectId holds the time");
    assert.equal((await t.control.get("/_emulator/objects")).status, 200);
    await t.close();
  });

  it("profile: refuses huge, negative and non-numeric durations, and the emulator keeps answering", async () => {
    const t = await testEmulator();
    await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" });
    const before = obj(await t.control.get("/_emulator/profile"));
    const refused: [unknown, string][] = [
      [{ transitions: { "endpointService.*.INITIATING": 1e300 } }, "transitions.endpointService.*.INITIATING"],
      [{ transitions: { "endpointService.*.INITIATING": { afterMs: 1e300 } } }, "transitions.endpointService.*.INITIATING.afterMs"],
      [{ transitions: { "*.*.*": "8761h" } }, "transitions.*.*.*"],
      [{ transitions: { "*.*.*": -1 } }, "transitions.*.*.*"],
      [{ transitions: { "*.*.*": "Infinity" } }, "transitions.*.*.*"],
      [{ transitions: { "*.*.*": { afterReads: 1e300 } } }, "transitions.*.*.*.afterReads"],
      [{ rateLimit: { periodMs: 1e300 } }, "rateLimit.periodMs"],
      [{ rateLimit: { period: "-1s" } }, "rateLimit.period"],
      [{ rateLimit: { refill: 1e300 } }, "rateLimit.refill"],
    ];
    for (const [body, field] of refused) {
      const res = await t.control.call("PUT", "/_emulator/profile", { body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(obj(res)["errorCode"], "VALIDATION_ERROR");
      assert.ok(String(obj(res)["detail"]).includes(`${field}:`), `${JSON.stringify(body)}: ${String(obj(res)["detail"])}`);
    }
    assert.match(String(obj(await t.control.call("PUT", "/_emulator/profile", { body: refused[0]![0] }))["detail"]), /from 0 to 8760h /);
    assert.deepEqual(obj(await t.control.get("/_emulator/profile")), before, "nothing applied");
    assert.equal((await t.control.call("PUT", "/_emulator/profile", { body: { transitions: { "endpointService.*.INITIATING": "8760h" } } })).status, 200);
    assert.equal((await t.control.get("/_emulator/objects")).status, 200);
    assert.equal((await t.control.get("/_emulator/clock")).status, 200);
    await t.close();
  });

  it("profile: read the effective timings, replace, refuse invalid ones", async () => {
    const t = await testEmulator({ profile: "realistic" });
    const p = obj(await t.control.get("/_emulator/profile"));
    assert.equal(p["base"], "realistic");
    assert.deepEqual((p["effective"] as Record<string, unknown>)["endpointService.AWS.INITIATING"], { afterMs: 148_000, to: ["AVAILABLE", "WAITING_FOR_USER", "FAILED"] });
    const s = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    const put = await t.control.call("PUT", "/_emulator/profile", { body: { base: "instant", options: { strictCloud: true } } });
    assert.equal(put.status, 200);
    assert.equal(obj(await t.client.get(`${t.pe}/AWS/endpointService/${s["id"]}`))["status"], "AVAILABLE", "pending steps re-timed");
    const bad = await t.control.call("PUT", "/_emulator/profile", { body: { base: "warp" } });
    assert.equal(bad.status, 400);
    assert.match(String(obj(bad)["detail"]), /warp/);
    await t.close();
  });

  it("faults: error with a count, then the rule is spent; list and delete", async () => {
    const t = await testEmulator();
    const rule = { id: "flaky", method: "POST", path: "/api/atlas/v2/groups/*/privateEndpoint/endpointService", count: 1, error: { status: 503, errorCode: "SERVICE_UNAVAILABLE", retryAfterSeconds: 2 } };
    assert.equal((await t.control.call("PUT", "/_emulator/faults", { body: { rules: [rule] } })).status, 200);
    const first = await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" });
    assert.equal(first.status, 503);
    assert.equal(first.headers["retry-after"], "2");
    assert.equal(obj(first)["errorCode"], "SERVICE_UNAVAILABLE");
    assert.equal((await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" })).status, 201);
    const listed = (obj(await t.control.get("/_emulator/faults"))["rules"] as Record<string, unknown>[])[0]!;
    assert.equal(listed["fired"], 1);
    assert.equal(listed["remaining"], 0);
    const log = (obj(await t.control.get("/_emulator/requests"))["requests"] as Record<string, unknown>[]).filter((r) => r["faultId"] === "flaky");
    assert.equal(log.length, 1);
    assert.equal((await t.control.delete("/_emulator/faults/flaky")).status, 204);
    assert.equal((await t.control.delete("/_emulator/faults/flaky")).status, 404);
    assert.equal(obj(await t.control.post("/_emulator/faults", { path: "/x" }))["errorCode"], "VALIDATION_ERROR");
    await t.close();
  });

  it("faults: lifecycle outcomes — the next service FAILS, the next endpoint is REJECTED", async () => {
    const t = await testEmulator();
    await t.control.post("/_emulator/faults", { operation: "createPrivateEndpointService", count: 1, lifecycle: { outcome: "FAILED", errorMessage: "No capacity in region." } });
    await t.control.post("/_emulator/faults", { id: "reject", operation: "createPrivateEndpoint", count: 1, lifecycle: { outcome: "REJECTED" } });
    const failing = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    const fine = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-2" }));
    t.clock.advance(1000);
    const failed = obj(await t.client.get(`${t.pe}/AWS/endpointService/${failing["id"]}`));
    assert.equal(failed["status"], "FAILED");
    assert.equal(failed["errorMessage"], "No capacity in region.");
    assert.equal(obj(await t.client.get(`${t.pe}/AWS/endpointService/${fine["id"]}`))["status"], "AVAILABLE");
    await t.client.post(`${t.pe}/AWS/endpointService/${fine["id"]}/endpoint`, { id: "vpce-0123456789abcdef0" });
    t.clock.advance(5000);
    const rejected = obj(await t.client.get(`${t.pe}/AWS/endpointService/${fine["id"]}/endpoint/vpce-0123456789abcdef0`));
    assert.equal(rejected["connectionStatus"], "REJECTED");
    assert.equal(rejected["errorMessage"], "Interface endpoint vpce-0123456789abcdef0 was not found.", "Atlas' wording");
    await t.close();
  });

  it("faults: latency and a reset connection (real sockets)", async () => {
    const emu = await startEmulator({ logger: false });
    try {
      const control = new AtlasTestClient(fetchTransport(emu.url), null);
      const client = new AtlasTestClient(fetchTransport(emu.url), { publicKey: emu.bootstrap.publicKey, privateKey: emu.bootstrap.privateKey });
      const pe = `/api/atlas/v2/groups/${emu.bootstrap.projectId}/privateEndpoint`;
      await client.get(`${pe}/regionalMode`);
      await control.post("/_emulator/faults", { id: "slow", operation: "getRegionalEndpointMode", count: 1, latencyMs: 60 });
      const started = Date.now();
      assert.equal((await client.get(`${pe}/regionalMode`)).status, 200);
      assert.ok(Date.now() - started >= 55, "the answer was delayed");
      await control.post("/_emulator/faults", { id: "cut", operation: "getRegionalEndpointMode", count: 1, reset: true });
      await assert.rejects(client.get(`${pe}/regionalMode`));
      assert.equal((await client.get(`${pe}/regionalMode`)).status, 200, "only once");
    } finally {
      await emu.close();
    }
  });

  it("request log: who, what, answer — filtered by since and limit; clearable", async () => {
    const t = await testEmulator();
    await t.client.get(`${t.pe}/AWS/endpointService`);
    const all = obj(await t.control.get("/_emulator/requests"))["requests"] as Record<string, unknown>[];
    assert.equal(all.length, 2, "the challenge and the answer");
    assert.deepEqual(
      all.map((r) => [r["status"], r["errorCode"], r["principal"], r["operationId"]]),
      [
        [401, "UNAUTHORIZED", null, "listPrivateEndpointService"],
        [200, null, t.app.emulator.bootstrap!.publicKey, "listPrivateEndpointService"],
      ],
    );
    const since = obj(await t.control.get(`/_emulator/requests?since=${all[0]!["seq"]}`))["requests"] as unknown[];
    assert.equal(since.length, 1);
    assert.equal((await t.control.delete("/_emulator/requests")).status, 204);
    assert.deepEqual(obj(await t.control.get("/_emulator/requests"))["requests"], []);
    await t.close();
  });

  it("cloud registrations: add, list, delete; each addition and removal is an event", async () => {
    const t = await testEmulator();
    const seen: string[] = [];
    t.app.emulator.events.subscribe((e) => {
      if (e.type !== "reset" && e.object.type === "cloudEndpoint") seen.push(`${e.type} ${e.object.provider} ${e.object.id}`);
    });
    assert.equal((await t.control.post("/_emulator/cloud/aws/endpoints", { ids: ["vpce-1", "vpce-2"] })).status, 201);
    assert.equal((await t.control.post("/_emulator/cloud/aws/endpoints", { id: "nope" })).status, 400);
    assert.equal(obj(await t.control.post("/_emulator/cloud/ibm/endpoints", { id: "x" }))["errorCode"], "INVALID_PROVIDER");
    assert.equal((obj(await t.control.get("/_emulator/cloud/AWS/endpoints"))["endpoints"] as unknown[]).length, 2);
    assert.equal((await t.control.delete("/_emulator/cloud/aws/endpoints?id=vpce-1")).status, 204);
    assert.equal((await t.control.delete("/_emulator/cloud/aws/endpoints?id=vpce-1")).status, 404);
    assert.equal((await t.control.delete("/_emulator/cloud/aws/endpoints")).status, 204);
    assert.deepEqual(obj(await t.control.get("/_emulator/cloud"))["endpoints"], []);
    // The id may come in the body too.
    await t.control.post("/_emulator/cloud/gcp/endpoints", { gcpProjectId: "customer-project-1", endpointName: "rule-0" });
    assert.equal((await t.control.call("DELETE", "/_emulator/cloud/gcp/endpoints", { body: { id: "customer-project-1/rule-0" } })).status, 204);
    assert.equal((await t.control.call("DELETE", "/_emulator/cloud/gcp/endpoints", { body: { id: "customer-project-1/rule-0" } })).status, 404);
    assert.deepEqual(seen, [
      "created AWS vpce-1",
      "created AWS vpce-2",
      "deleted AWS vpce-1",
      "deleted AWS vpce-2",
      "created GCP customer-project-1/rule-0",
      "deleted GCP customer-project-1/rule-0",
    ]);
    await t.close();
  });

  it("seed: many objects at once, AVAILABLE; pending ones run their lifecycle", async () => {
    const t = await testEmulator();
    const r = obj(await t.control.post("/_emulator/seed", { providers: ["AWS", "AZURE", "GCP"], servicesPerProvider: 2, endpointsPerService: 3 }));
    assert.deepEqual(r, { projectIds: [t.projectId], endpointServices: 6, privateEndpoints: 18 });
    const aws = (await t.client.get(`${t.pe}/AWS/endpointService`)).json as { status: string; interfaceEndpoints: string[] }[];
    assert.equal(aws.length, 2);
    assert.equal(aws[0]!.status, "AVAILABLE");
    assert.equal(aws[0]!.interfaceEndpoints.length, 3);
    // Seeded objects look like created ones (the client validates every answer against the spec).
    for (const provider of ["AWS", "AZURE", "GCP"]) {
      const services = (await t.client.get(`${t.pe}/${provider}/endpointService`)).json as Record<string, unknown>[];
      for (const s of services) {
        const ids = (s["interfaceEndpoints"] ?? s["privateEndpoints"] ?? s["endpointGroupNames"]) as string[];
        const e = await t.client.get(`${t.pe}/${provider}/endpointService/${s["id"]}/endpoint/${encodeURIComponent(ids[0]!)}`);
        assert.equal(e.status, 200);
      }
    }
    const p = obj(await t.control.post("/_emulator/seed", { projects: 1, pending: true }));
    assert.equal(obj(await t.control.get("/_emulator/objects?counts=only"))["counts"] !== undefined, true);
    assert.equal((obj(await t.control.get("/_emulator/health"))["counts"] as Record<string, number>)["pendingTransitions"], 1);
    t.clock.advance(1000);
    assert.equal((obj(await t.control.get("/_emulator/health"))["counts"] as Record<string, number>)["pendingTransitions"], 0);
    assert.equal((p["projectIds"] as string[]).length, 1);
    // Refusals are VALIDATION_ERROR naming the field, as for every control route; a body that is no object is INVALID_JSON.
    for (const [body, field] of [
      [{ providers: ["IBM"] }, "providers"],
      [{ providers: "AWS" }, "providers"],
      [{ projects: -1 }, "projects"],
      [{ servicesPerProvider: 1.5 }, "servicesPerProvider"],
      [{ endpointsPerService: "3" }, "endpointsPerService"],
      [{ pending: "yes" }, "pending"],
      [{ pendingEndpoints: 1 }, "pendingEndpoints"],
    ] as const) {
      const res = await t.control.post("/_emulator/seed", body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(obj(res)["errorCode"], "VALIDATION_ERROR", JSON.stringify(body));
      assert.match(String(obj(res)["detail"]), new RegExp(`: ${field} must be`), JSON.stringify(body));
    }
    assert.equal(obj(await t.control.post("/_emulator/seed", [1]))["errorCode"], "INVALID_JSON");
    await t.close();
  });

  it("out-of-band endpoint statuses: exactly the ones the emulator shows (no GCP DELETED), as the console offers", async () => {
    const t = await testEmulator({ profile: "instant" });
    const ARM = "/subscriptions/4e133d35-e734-4380-a565-c0945535da37/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";
    const bodies = {
      AWS: ["us-east-1", { id: "vpce-0123456789abcdef0" }, "vpce-0123456789abcdef0"],
      AZURE: ["eastus2", { id: ARM, privateEndpointIPAddress: "10.0.0.4" }, ARM],
      GCP: ["us-east4", { endpointGroupName: "grp", gcpProjectId: "customer-project-1", endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.1" }] }, "grp"],
    } as const;
    for (const provider of ["AWS", "AZURE", "GCP"] as const) {
      const [region, body, endpointId] = bodies[provider];
      const s = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: provider, region }));
      assert.equal((await t.client.post(`${t.pe}/${provider}/endpointService/${s["id"]}/endpoint`, body)).status, 201, provider);
      const q = `serviceId=${s["id"]}&endpointId=${encodeURIComponent(endpointId)}`;
      for (const status of ["NONE", "DELETED"]) {
        const res = await t.control.post(`/_emulator/objects/private-endpoints/status?${q}`, { status });
        assert.equal(res.status, 400, `${provider} ${status}`);
        assert.ok(String(obj(res)["detail"]).includes(`status must be one of ${endpointStatuses(provider).join(", ")}.`), String(obj(res)["detail"]));
      }
      // DELETING comes last: with the instant profile the endpoint is gone right after it.
      for (const status of endpointStatuses(provider)) {
        assert.equal((await t.control.post(`/_emulator/objects/private-endpoints/status?${q}`, { status })).status, 200, `${provider} ${status}`);
      }
    }
    assert.deepEqual(endpointStatuses("GCP"), ["INITIATING", "VERIFIED", "AVAILABLE", "FAILED", "DELETING"]);
    await t.close();
  });

  it("out-of-band changes: set a status, delete behind the client's back", async () => {
    const t = await testEmulator({ profile: "instant" });
    const s = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    await t.client.post(`${t.pe}/AWS/endpointService/${s["id"]}/endpoint`, { id: "vpce-0123456789abcdef0" });
    const q = `serviceId=${s["id"]}&endpointId=vpce-0123456789abcdef0`;
    assert.equal((await t.control.post(`/_emulator/objects/private-endpoints/status?${q}`, { status: "REJECTED", errorMessage: "gone wrong" })).status, 200);
    const e = obj(await t.client.get(`${t.pe}/AWS/endpointService/${s["id"]}/endpoint/vpce-0123456789abcdef0`));
    assert.equal(e["connectionStatus"], "REJECTED");
    assert.equal(e["errorMessage"], "gone wrong");
    assert.equal((await t.control.post(`/_emulator/objects/private-endpoints/status?${q}`, { status: "VERIFIED" })).status, 400);
    assert.equal((await t.control.delete(`/_emulator/objects/private-endpoints?${q}`)).status, 204);
    assert.equal((await t.control.post(`/_emulator/objects/endpoint-services/${s["id"]}/status`, { status: "FAILED", errorMessage: "x" })).status, 200);
    assert.equal(obj(await t.client.get(`${t.pe}/AWS/endpointService/${s["id"]}`))["status"], "FAILED");
    assert.equal((await t.control.delete(`/_emulator/objects/endpoint-services/${s["id"]}`)).status, 204);
    assert.equal((await t.client.get(`${t.pe}/AWS/endpointService/${s["id"]}`)).status, 404);
    await t.close();
  });

  it("events: the in-process stream and its Server-Sent Events relay", async () => {
    const emu = await startEmulator({ logger: false, profile: "fast", clock: (await import("../lifecycle/clock.js")).manualClock() });
    try {
      const seen: string[] = [];
      const off = emu.events.subscribe((e) => seen.push(e.type === "transition" ? `${e.type}:${e.from}>${e.to}` : `${e.type}:${e.type === "reset" ? "" : e.object.type}`));
      const sse: string[] = [];
      const url = new URL(`${emu.url}/_emulator/events`);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname });
      const opened = new Promise<void>((resolve) => {
        req.on("response", (res) => {
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => sse.push(chunk));
          resolve();
        });
      });
      req.end();
      await opened;
      const client = new AtlasTestClient(fetchTransport(emu.url), { publicKey: emu.bootstrap.publicKey, privateKey: emu.bootstrap.privateKey });
      await client.post(`/api/atlas/v2/groups/${emu.bootstrap.projectId}/privateEndpoint/endpointService`, { providerName: "AWS", region: "us-east-1" });
      emu.advance("1s");
      for (let i = 0; i < 100 && !sse.join("").includes("INITIATING"); i++) await new Promise((r) => setTimeout(r, 5));
      off();
      req.destroy();
      assert.deepEqual(seen, ["created:endpointService", "transition:INITIATING>AVAILABLE"]);
      const text = sse.join("");
      assert.match(text, /event: created\ndata: \{.*"type":"endpointService"/);
      assert.match(text, /event: transition\ndata: \{.*"from":"INITIATING","to":"AVAILABLE"/);
    } finally {
      await emu.close();
    }
  });

  it("closing the emulator ends open event streams (close does not hang)", async () => {
    const emu = await startEmulator({ logger: false });
    const url = new URL(`${emu.url}/_emulator/events`);
    const ended = new Promise<void>((resolve) => {
      request({ host: url.hostname, port: url.port, path: url.pathname }, (res) => {
        res.resume();
        res.on("end", () => resolve());
        res.on("close", () => resolve());
      }).end();
    });
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await emu.close();
    await ended;
    assert.ok(Date.now() - started < 2000);
  });
});
