import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { pino } from "pino";
import { AtlasTestClient, challenges, injectTransport, obj, testEmulator, V2 } from "../testing/client.js";

describe("roles and organization isolation", () => {
  it("Read Only reads, Owner writes, other projects and organizations are invisible", async () => {
    const t = await testEmulator({ profile: "instant" });
    const transport = injectTransport(t.app);
    const other = obj(await t.control.post("/_emulator/projects", { name: "other" }));
    const key = async (roles: unknown, orgId?: string) => {
      const k = obj(await t.control.post("/_emulator/api-keys", { roles, ...(orgId ? { orgId } : {}) }));
      return new AtlasTestClient(transport, { publicKey: String(k["publicKey"]), privateKey: String(k["privateKey"]) });
    };
    const reader = await key([{ role: "Project Read Only", projectId: t.projectId }]);
    const owner = await key([{ role: "GROUP_OWNER", projectId: t.projectId }]);
    const org2 = obj(await t.control.post("/_emulator/orgs", { name: "org 2" }));
    const stranger = await key(["Organization Owner"], String(org2["id"]));

    const service = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    const path = `${t.pe}/AWS/endpointService/${service["id"]}`;

    assert.equal((await reader.get(path)).status, 200);
    const denied = await reader.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-2" });
    assert.equal(denied.status, 401);
    assert.equal(obj(denied)["errorCode"], "USER_UNAUTHORIZED");
    assert.equal(denied.headers["www-authenticate"], undefined, "not a challenge: the key is known, the role is missing");
    assert.equal((await reader.delete(path)).status, 401);

    assert.equal((await owner.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-2" })).status, 201);
    // Project roles do not reach other projects of the organization: invisible, 404.
    const elsewhere = await owner.get(`/api/atlas/v2/groups/${other["id"]}/privateEndpoint/AWS/endpointService`);
    assert.equal(elsewhere.status, 404);
    assert.equal(obj(elsewhere)["errorCode"], "GROUP_NOT_FOUND");
    // Projects need an organization role to create.
    assert.equal(obj(await owner.post("/api/atlas/v2/groups", { name: "mine" }))["errorCode"], "USER_UNAUTHORIZED");

    // Another organization's owner sees nothing of this one.
    const foreign = await stranger.get(path);
    assert.equal(foreign.status, 404);
    assert.equal(obj(foreign)["errorCode"], "GROUP_NOT_FOUND");
    assert.deepEqual(obj(await stranger.get("/api/atlas/v2/groups"))["results"], []);
    assert.equal(obj(await stranger.post("/api/atlas/v2/groups", { name: "x", orgId: t.orgId }))["errorCode"], "ORG_NOT_FOUND");

    // The listing shows only visible projects.
    const visible = (obj(await reader.get("/api/atlas/v2/groups"))["results"] as { id: string }[]).map((g) => g.id);
    assert.deepEqual(visible, [t.projectId]);
    await t.close();
  });
});

describe("digest authentication", () => {
  it("challenges with MD5 and SHA-256, realm MMS Public API, qop auth; both algorithms work", async () => {
    const t = await testEmulator();
    const res = await t.control.get(`${t.pe}/AWS/endpointService`, { accept: V2 });
    assert.equal(res.status, 401);
    assert.equal(obj(res)["errorCode"], "UNAUTHORIZED");
    const [md5, sha] = challenges(res);
    assert.match(md5!, /^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=false$/);
    assert.match(sha!, /algorithm=SHA-256/);
    const b = t.app.emulator.bootstrap!;
    const sha256 = new AtlasTestClient(injectTransport(t.app), { publicKey: b.publicKey, privateKey: b.privateKey, algorithm: "SHA-256" });
    assert.equal((await sha256.get(`${t.pe}/AWS/endpointService`)).status, 200);
    await t.close();
  });

  it("a wrong private key or unknown key is refused with a fresh challenge (stale=false)", async () => {
    const t = await testEmulator();
    const b = t.app.emulator.bootstrap!;
    for (const creds of [{ publicKey: b.publicKey, privateKey: "wrong" }, { publicKey: "nobody", privateKey: b.privateKey }]) {
      const c = new AtlasTestClient(injectTransport(t.app), creds);
      const res = await c.get(`${t.pe}/AWS/endpointService`);
      assert.equal(res.status, 401);
      assert.match(challenges(res)[0]!, /stale=false/);
    }
    await t.close();
  });

  it("refuses a replayed nonce count", async () => {
    const t = await testEmulator();
    const path = `${t.pe}/AWS/endpointService`;
    await t.client.get(path); // learns a nonce
    const auth = t.client.authorization("GET", path)!;
    const send = () => t.app.inject({ method: "GET", url: path, headers: { accept: V2, authorization: auth } });
    assert.equal((await send()).statusCode, 200);
    const replay = await send();
    assert.equal(replay.statusCode, 401);
    assert.match(String(replay.headers["www-authenticate"]), /stale=true/);
    await t.close();
  });

  it("expires nonces (stale=true, and a client that answers it carries on)", async () => {
    const t = await testEmulator({ nonceTtlMs: 60_000 });
    const path = `${t.pe}/AWS/endpointService`;
    assert.equal((await t.client.get(path)).status, 200);
    t.clock.advance(61_000);
    const auth = t.client.authorization("GET", path)!;
    const stale = await t.app.inject({ method: "GET", url: path, headers: { accept: V2, authorization: auth } });
    assert.equal(stale.statusCode, 401);
    assert.match(String([stale.headers["www-authenticate"]].flat()[0]), /stale=true/);
    assert.equal((await t.client.get(path)).status, 200, "the client re-answers with the new nonce");
    await t.close();
  });

  it("the digest uri must be this request's", async () => {
    const t = await testEmulator();
    const path = `${t.pe}/AWS/endpointService`;
    await t.client.get(path);
    const auth = t.client.authorization("GET", `${t.pe}/GCP/endpointService`)!;
    assert.equal((await t.app.inject({ method: "GET", url: path, headers: { accept: V2, authorization: auth } })).statusCode, 401);
    await t.close();
  });
});

describe("service accounts", () => {
  it("client credentials → Bearer valid 3600 s; revocation; bad credentials", async () => {
    const t = await testEmulator();
    const sa = obj(await t.control.post("/_emulator/service-accounts", { roles: ["ORG_OWNER"] }));
    assert.match(String(sa["clientId"]), /^mdb_sa_id_[0-9a-f]{24}$/);
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
    const token = async (authorization: string, payload = "grant_type=client_credentials") =>
      t.app.inject({ method: "POST", url: "/api/oauth/token", headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, payload });

    const ok = await token(basic(String(sa["clientId"]), String(sa["clientSecret"])));
    assert.equal(ok.statusCode, 200);
    const body = ok.json() as { access_token: string; expires_in: number; token_type: string };
    assert.equal(body.expires_in, 3600);
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.access_token.split(".").length, 3);

    const bearer = new AtlasTestClient(injectTransport(t.app), { bearer: body.access_token });
    assert.equal((await bearer.get(`${t.pe}/AWS/endpointService`)).status, 200);
    t.clock.advance(3_599_000);
    assert.equal((await bearer.get(`${t.pe}/AWS/endpointService`)).status, 200);
    t.clock.advance(1_000);
    const expired = await bearer.get(`${t.pe}/AWS/endpointService`);
    assert.equal(expired.status, 401);
    assert.match(String(expired.headers["www-authenticate"]), /^Bearer .*error="invalid_token"/);

    const second = (await token(basic(String(sa["clientId"]), String(sa["clientSecret"])))).json() as { access_token: string };
    const revoke = await t.app.inject({
      method: "POST",
      url: "/api/oauth/revoke",
      headers: { authorization: basic(String(sa["clientId"]), String(sa["clientSecret"])), "content-type": "application/x-www-form-urlencoded" },
      payload: `token=${second.access_token}&token_type_hint=access_token`,
    });
    assert.equal(revoke.statusCode, 200);
    assert.equal((await new AtlasTestClient(injectTransport(t.app), { bearer: second.access_token }).get(`${t.pe}/AWS/endpointService`)).status, 401);

    const bad = await token(basic(String(sa["clientId"]), "wrong"));
    assert.equal(bad.statusCode, 401);
    assert.deepEqual(bad.json(), { error: "invalid_client", error_description: "Invalid credentials provided." });
    assert.equal((await token(basic(String(sa["clientId"]), String(sa["clientSecret"])), "grant_type=password")).statusCode, 400);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/oauth/token" })).statusCode, 405);
    await t.close();
  });
});

describe("secrets", () => {
  it("are never logged nor kept in the request log, and are stored only hashed", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await testEmulator({ logger: pino({ level: "trace" }, sink) });
    const b = t.app.emulator.bootstrap!;
    await t.client.get(`${t.pe}/AWS/endpointService`);
    await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" });
    const sa = obj(await t.control.post("/_emulator/service-accounts", {}));
    await t.app.inject({
      method: "POST",
      url: "/api/oauth/token",
      headers: { authorization: `Basic ${Buffer.from(`${sa["clientId"]}:${sa["clientSecret"]}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      payload: "grant_type=client_credentials",
    });
    const everything = [lines.join(""), JSON.stringify(t.app.emulator.requestLog.list()), JSON.stringify((await t.control.get("/_emulator/objects")).json)].join("\n");
    assert.ok(lines.length > 0, "the logger was used");
    for (const secret of [b.privateKey, String(sa["clientSecret"])]) assert.ok(!everything.includes(secret), "a secret leaked");
    const dump = JSON.stringify(t.app.emulator.store.db.prepare("SELECT * FROM principals").all());
    assert.ok(!dump.includes(b.privateKey) && !dump.includes(String(sa["clientSecret"])), "a secret is stored in clear");
    await t.close();
  });
});
