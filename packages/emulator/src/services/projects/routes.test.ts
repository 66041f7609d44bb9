import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { obj, testEmulator } from "../../testing/client.js";

describe("projects", () => {
  it("create, get, list (paginated), delete", async () => {
    const t = await testEmulator();
    const created = await t.client.post("/api/atlas/v2/groups", { name: "team-a", orgId: t.orgId });
    assert.equal(created.status, 200);
    const g = obj(created);
    assert.deepEqual(Object.keys(g), ["clusterCount", "created", "id", "links", "name", "orgId"]);
    assert.equal(g["orgId"], t.orgId);
    assert.match(String(g["created"]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(obj(await t.client.get(`/api/atlas/v2/groups/${g["id"]}`))["name"], "team-a");
    const dup = await t.client.post("/api/atlas/v2/groups", { name: "team-a" });
    assert.equal(dup.status, 409);
    assert.equal(obj(dup)["errorCode"], "DUPLICATE_GROUP_NAME");

    const list = obj(await t.client.get("/api/atlas/v2/groups?itemsPerPage=1"));
    assert.equal(list["totalCount"], 2);
    assert.equal((list["results"] as unknown[]).length, 1);
    assert.deepEqual((list["links"] as { rel: string }[]).map((l) => l.rel), ["self", "next"]);
    assert.equal(obj(await t.client.get("/api/atlas/v2/groups?itemsPerPage=501"))["errorCode"], "INVALID_QUERY_PARAMETER");
    assert.equal(obj(await t.client.get("/api/atlas/v2/groups?includeCount=false"))["totalCount"], undefined);

    assert.equal((await t.client.delete(`/api/atlas/v2/groups/${g["id"]}`)).status, 204);
    assert.equal((await t.client.get(`/api/atlas/v2/groups/${g["id"]}`)).status, 404);
    await t.close();
  });

  it("refuses to delete a project that still has endpoint services", async () => {
    const t = await testEmulator();
    await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" });
    const res = await t.client.delete(`/api/atlas/v2/groups/${t.projectId}`);
    assert.equal(res.status, 409);
    assert.equal(obj(res)["errorCode"], "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_PRIVATE_ENDPOINT_SERVICES");
    await t.close();
  });

  it("validates the body", async () => {
    const t = await testEmulator();
    assert.equal(obj(await t.client.post("/api/atlas/v2/groups", {}))["errorCode"], "MISSING_ATTRIBUTE");
    assert.equal(obj(await t.client.post("/api/atlas/v2/groups", { name: "   " }))["errorCode"], "INVALID_ATTRIBUTE");
    assert.equal(obj(await t.client.post("/api/atlas/v2/groups", { name: "x", orgId: "nope" }))["errorCode"], "INVALID_ATTRIBUTE");
    assert.equal(obj(await t.client.post("/api/atlas/v2/groups", { name: "x", orgId: "aaaaaaaaaaaaaaaaaaaaaaaa" }))["errorCode"], "ORG_NOT_FOUND");
    await t.close();
  });
});

describe("clusters", () => {
  it("an empty paginated list at 2024-08-05 (so cluster-IDLE waits end at once)", async () => {
    const t = await testEmulator();
    const path = `/api/atlas/v2/groups/${t.projectId}/clusters?includeCount=true&itemsPerPage=100&pageNum=1&includeDeletedWithRetainedBackups=false`;
    const res = await t.client.get(path, { accept: "application/vnd.atlas.2024-08-05+json" });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "application/vnd.atlas.2024-08-05+json;charset=utf-8");
    const body = obj(res);
    assert.deepEqual(body["results"], []);
    assert.equal(body["totalCount"], 0);
    assert.equal((body["links"] as { rel: string; href: string }[])[0]!.rel, "self");
    const old = await t.client.get(`/api/atlas/v2/groups/${t.projectId}/clusters`, { accept: "application/vnd.atlas.2023-02-01+json" });
    assert.equal(old.headers["content-type"], "application/vnd.atlas.2023-02-01+json;charset=utf-8");
    await t.close();
  });
});
