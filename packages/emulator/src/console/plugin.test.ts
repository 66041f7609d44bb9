import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { pino } from "pino";
import type { FastifyInstance, InjectOptions } from "fastify";
import { ha1 } from "../auth/secrets.js";
import { buildApp } from "../app.js";
import { startEmulator } from "../index.js";
import { MAX_CLOCK_MS, manualClock } from "../lifecycle/clock.js";
import { endpointStatuses } from "../lifecycle/transitions.js";
import { obj, testEmulator, type TestEmulator } from "../testing/client.js";
import type { ConsoleChange, ConsoleState, EmulatorSummary } from "./types.js";

/** The console's server side through `app.inject` (and one real socket for the event stream):
 * access, login, sessions, CSRF, the view it serves, the actions it forwards, and secrets. */

const FORM = { "content-type": "application/x-www-form-urlencoded" };

interface Browser {
  cookie: string;
  csrf: string;
}

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers["set-cookie"];
  const value = Array.isArray(set) ? String(set[0]) : String(set);
  return value.split(";")[0]!;
}

async function login(app: FastifyInstance, publicKey: string, privateKey: string): Promise<Browser> {
  const res = await app.inject({ method: "POST", url: "/console/login", headers: FORM, payload: new URLSearchParams({ publicKey, privateKey }).toString() });
  assert.equal(res.statusCode, 303, res.body);
  const cookie = cookieOf(res);
  const session = await app.inject({ method: "GET", url: "/console/api/session", headers: { cookie } });
  return { cookie, csrf: (session.json() as { csrf: string }).csrf };
}

function call(app: FastifyInstance, b: Browser, method: InjectOptions["method"], url: string, body?: unknown) {
  return app.inject({
    method,
    url,
    headers: { cookie: b.cookie, "x-console-csrf": b.csrf, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

async function state(app: FastifyInstance, b: Browser): Promise<ConsoleState> {
  const res = await app.inject({ method: "GET", url: "/console/api/state", headers: { cookie: b.cookie } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as ConsoleState;
}

async function owner(t: TestEmulator): Promise<Browser> {
  const b = t.app.emulator.bootstrap!;
  return login(t.app, b.publicKey, b.privateKey);
}

describe("web console: access and sessions", () => {
  it("is mounted by default: without a session /console sends to the login form, whose fields are labelled", async () => {
    const t = await testEmulator();
    const res = await t.app.inject({ method: "GET", url: "/console" });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers["location"], "/console/login");
    const page = await t.app.inject({ method: "GET", url: "/console/login" });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers["content-type"]), /^text\/html/);
    assert.match(String(page.headers["content-security-policy"]), /script-src 'self'/);
    assert.equal(page.headers["x-frame-options"], "DENY");
    assert.match(page.body, /<label for="publicKey">Public key<\/label>/);
    assert.match(page.body, /<label for="privateKey">Private key<\/label>/);
    assert.match(page.body, /type="password" autocomplete="current-password"/);
    assert.doesNotMatch(page.body, /<script(?! type="module" src=)/, "no inline script");
    const off = await buildApp({ logger: false, console: false });
    assert.equal((await off.inject({ method: "GET", url: "/console" })).statusCode, 404);
    await off.close();
    await t.close();
  });

  it("logs in with an Organization Owner key: HttpOnly, SameSite=Strict cookie on /console; wrong keys are refused and throttled", async () => {
    const t = await testEmulator();
    const b = t.app.emulator.bootstrap!;
    const ok = await t.app.inject({ method: "POST", url: "/console/login", headers: FORM, payload: `publicKey=${b.publicKey}&privateKey=${encodeURIComponent(b.privateKey)}` });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers["location"], "/console");
    const set = String(ok.headers["set-cookie"]);
    assert.match(set, /^atlas_console_\d+=[A-Za-z0-9_-]{43}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const cookie = cookieOf(ok);
    const app = await t.app.inject({ method: "GET", url: "/console", headers: { cookie } });
    assert.equal(app.statusCode, 200);
    assert.match(app.body, /<script type="module" src="\/console\/assets\/console\.js\?v=[0-9a-f]{16}"><\/script>/);
    const session = (await t.app.inject({ method: "GET", url: "/console/api/session", headers: { cookie } })).json() as { principal: string; csrf: string };
    assert.equal(session.principal, b.publicKey);
    assert.match(session.csrf, /^[A-Za-z0-9_-]{43}$/);
    // JSON bodies work too (scripts).
    const json = await t.app.inject({ method: "POST", url: "/console/login", headers: { "content-type": "application/json" }, payload: JSON.stringify({ publicKey: b.publicKey, privateKey: b.privateKey }) });
    assert.equal(json.statusCode, 303);

    const wrong = await t.app.inject({ method: "POST", url: "/console/login", headers: FORM, payload: `publicKey=${b.publicKey}&privateKey=nope` });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.headers["set-cookie"], undefined);
    assert.match(wrong.body, /role="alert"[^>]*>Unknown public key, or a wrong private key\./);
    assert.equal((await t.app.inject({ method: "POST", url: "/console/login", headers: FORM, payload: "publicKey=nobody&privateKey=x" })).statusCode, 401);
    for (let i = 0; i < 8; i++) await t.app.inject({ method: "POST", url: "/console/login", headers: FORM, payload: "publicKey=nobody&privateKey=x" });
    const throttled = await t.app.inject({ method: "POST", url: "/console/login", headers: FORM, payload: `publicKey=${b.publicKey}&privateKey=${encodeURIComponent(b.privateKey)}` });
    assert.equal(throttled.statusCode, 429);
    assert.match(String(throttled.headers["retry-after"]), /^\d+$/);
    await t.close();
  });

  it("a valid key without Organization Owner is refused; deleting the key ends its sessions", async () => {
    const t = await testEmulator();
    await t.control.post("/_emulator/api-keys", { publicKey: "reader", privateKey: "reader-secret", roles: ["ORG_READ_ONLY"] });
    const res = await t.app.inject({ method: "POST", url: "/console/login", headers: FORM, payload: "publicKey=reader&privateKey=reader-secret" });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /not an Organization Owner key/);
    await t.control.post("/_emulator/api-keys", { publicKey: "admin2", privateKey: "admin2-secret", roles: ["ORG_OWNER"] });
    const b = await login(t.app, "admin2", "admin2-secret");
    assert.equal((await t.app.inject({ method: "GET", url: "/console/api/summary", headers: { cookie: b.cookie } })).statusCode, 200);
    await t.control.delete("/_emulator/api-keys/admin2");
    const after = await t.app.inject({ method: "GET", url: "/console/api/summary", headers: { cookie: b.cookie } });
    assert.equal(after.statusCode, 401);
    assert.equal((after.json() as { errorCode: string }).errorCode, "CONSOLE_LOGIN_REQUIRED");
    await t.close();
  });

  it("the start-up link logs in once", async () => {
    const t = await testEmulator();
    const url = t.app.webConsole!.loginUrl("http://127.0.0.1:8080");
    assert.match(url, /^http:\/\/127\.0\.0\.1:8080\/console\?token=[A-Za-z0-9_-]{43}$/);
    const path = url.slice("http://127.0.0.1:8080".length);
    const first = await t.app.inject({ method: "GET", url: path });
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers["location"], "/console", "the redirect drops the token from the address bar");
    assert.equal(first.headers["referrer-policy"], "no-referrer");
    const session = await t.app.inject({ method: "GET", url: "/console/api/session", headers: { cookie: cookieOf(first) } });
    assert.equal((session.json() as { principal: string }).principal, "start-up link");
    const reopened = await t.app.inject({ method: "GET", url: path, headers: { cookie: cookieOf(first) } });
    assert.equal(reopened.statusCode, 303, "a used link in a logged-in browser just opens the console");
    assert.equal(reopened.headers["location"], "/console");
    assert.equal(reopened.headers["set-cookie"], undefined);
    const again = await t.app.inject({ method: "GET", url: path });
    assert.equal(again.statusCode, 401);
    assert.equal(again.headers["set-cookie"], undefined);
    assert.match(again.body, /already used or has expired/);
    assert.equal((await t.app.inject({ method: "GET", url: "/console?token=made-up" })).statusCode, 401);
    await t.close();
  });

  it("sessions expire on real time (not the emulator clock), and logout ends them", async () => {
    let now = 1_000_000;
    const clock = manualClock();
    const app = await buildApp({ logger: false, clock, privateKey: "k1", publicKey: "admin", console: { now: () => now, sessions: { idleTtlMs: 60_000 } } });
    const b = await login(app, "admin", "k1");
    clock.advance(86_400_000 * 30); // the console moves emulator time by days: no effect on sessions
    const summary = (): Promise<number> => app.inject({ method: "GET", url: "/console/api/summary", headers: { cookie: b.cookie } }).then((r) => r.statusCode);
    assert.equal(await summary(), 200);
    now += 59_000;
    assert.equal(await summary(), 200);
    now += 61_000;
    assert.equal(await summary(), 401, "idle for longer than the idle limit");
    const c = await login(app, "admin", "k1");
    const noCsrf = await app.inject({ method: "POST", url: "/console/logout", headers: { cookie: c.cookie } });
    assert.equal(noCsrf.statusCode, 403, "logging out needs the CSRF token too");
    const out = await app.inject({ method: "POST", url: "/console/logout", headers: { cookie: c.cookie, ...FORM }, payload: `csrf=${c.csrf}` });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers["set-cookie"]), /Max-Age=0/);
    assert.equal((await app.inject({ method: "GET", url: "/console/api/summary", headers: { cookie: c.cookie } })).statusCode, 401);
    await app.close();
  });

  it("the console API needs the session, and a state change the CSRF token from the same origin", async () => {
    const t = await testEmulator();
    const b = await owner(t);
    assert.equal((await t.app.inject({ method: "GET", url: "/console/api/state" })).statusCode, 401);
    assert.equal((await t.app.inject({ method: "GET", url: "/console/api/state", headers: { cookie: "atlas_console_80=forged" } })).statusCode, 401);
    const body = JSON.stringify({ name: "p2" });
    const post = (headers: Record<string, string>) =>
      t.app.inject({ method: "POST", url: "/console/api/control/projects", headers: { "content-type": "application/json", ...headers }, payload: body }).then((r) => [r.statusCode, (r.json() as { errorCode?: string }).errorCode]);
    assert.deepEqual(await post({ cookie: b.cookie }), [403, "CONSOLE_CSRF"]);
    assert.deepEqual(await post({ cookie: b.cookie, "x-console-csrf": "wrong" }), [403, "CONSOLE_CSRF"]);
    assert.deepEqual(await post({ cookie: b.cookie, "x-console-csrf": b.csrf, origin: "http://evil.example" }), [403, "CONSOLE_CSRF"]);
    assert.deepEqual(await post({ cookie: b.cookie, "x-console-csrf": b.csrf, "sec-fetch-site": "cross-site" }), [403, "CONSOLE_CSRF"]);
    assert.deepEqual(await post({ "x-console-csrf": b.csrf }), [401, "CONSOLE_LOGIN_REQUIRED"]);
    const ok = await post({ cookie: b.cookie, "x-console-csrf": b.csrf, origin: "http://localhost:80", "sec-fetch-site": "same-origin", host: "localhost:80" });
    assert.equal(ok[0], 201);
    const login = await t.app.inject({ method: "POST", url: "/console/login", headers: { ...FORM, origin: "http://evil.example" }, payload: "publicKey=a&privateKey=b" });
    assert.equal(login.statusCode, 403, "no login from another site's form");
    await t.close();
  });

  it("answers loopback clients and loopback host names only, unless the emulator is exposed with a control token", async () => {
    const t = await testEmulator();
    const remote = await t.app.inject({ method: "GET", url: "/console/login", remoteAddress: "10.1.2.3" });
    assert.equal(remote.statusCode, 403);
    assert.equal((remote.json() as { errorCode: string }).errorCode, "CONSOLE_FORBIDDEN");
    const rebound = await t.app.inject({ method: "GET", url: "/console/login", headers: { host: "attacker.example:8080" } });
    assert.equal(rebound.statusCode, 403, "DNS rebinding: another name that resolves to 127.0.0.1");
    for (const host of ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "app.localhost"]) {
      assert.equal((await t.app.inject({ method: "GET", url: "/console/login", headers: { host } })).statusCode, 200, host);
    }
    await t.close();
    const exposed = await testEmulator({ controlToken: "tok" });
    assert.equal((await exposed.app.inject({ method: "GET", url: "/console/login", remoteAddress: "10.1.2.3", headers: { host: "emulator.internal:8080" } })).statusCode, 200);
    await exposed.close();
  });

  it("serves the bundle with a content hash; a missing bundle is a page that says how to build it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "console-assets-"));
    try {
      const app = await buildApp({ logger: false, publicKey: "admin", privateKey: "k1", console: { assetsDir: dir } });
      const b = await login(app, "admin", "k1");
      const missing = await app.inject({ method: "GET", url: "/console", headers: { cookie: b.cookie } });
      assert.equal(missing.statusCode, 503);
      assert.match(missing.body, /npm run build/);
      writeFileSync(join(dir, "console.js"), "export {};\n");
      writeFileSync(join(dir, "console.css"), "body{}\n");
      const page = await app.inject({ method: "GET", url: "/console", headers: { cookie: b.cookie } });
      assert.equal(page.statusCode, 200);
      const href = /src="([^"]+)"/.exec(page.body)![1]!;
      const js = await app.inject({ method: "GET", url: href });
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers["content-type"]), /^text\/javascript/);
      assert.match(String(js.headers["cache-control"]), /immutable/);
      const etag = String(js.headers["etag"]);
      assert.equal((await app.inject({ method: "GET", url: "/console/assets/console.js", headers: { "if-none-match": etag } })).statusCode, 304);
      assert.equal((await app.inject({ method: "GET", url: "/console/assets/..%2Fpackage.json" })).statusCode, 404);
      await app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("web console: what it shows and does", () => {
  it("shows the objects with computed names and the Terraform import ids in both seed formats", async () => {
    const t = await testEmulator({ profile: "fast" });
    const b = await owner(t);
    const aws = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    const azure = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AZURE", region: "eastus2" }));
    const gcp = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "GCP", region: "us-central1" }));
    let s = await state(t.app, b);
    const initiating = s.services.find((x) => x.id === aws["id"])!;
    assert.equal(initiating.status, "INITIATING");
    assert.deepEqual(initiating.names, [{ label: "Endpoint service name", field: "endpointServiceName", value: null }], "null until AVAILABLE, as the API answers");
    assert.equal(initiating.pending.nextAt, new Date(t.clock.now() + 1000).toISOString());
    t.clock.advance(1000);
    const azureId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-1";
    await t.client.post(`${t.pe}/AWS/endpointService/${aws["id"]}/endpoint`, { id: "vpce-0123456789abcdef0" });
    await t.client.post(`${t.pe}/AZURE/endpointService/${azure["id"]}/endpoint`, { id: azureId, privateEndpointIPAddress: "10.0.0.4" });
    await t.client.post(`${t.pe}/GCP/endpointService/${gcp["id"]}/endpoint`, {
      endpointGroupName: "group-1",
      gcpProjectId: "my-project",
      endpoints: [{ endpointName: "rule-0", ipAddress: "10.1.0.2" }],
    });
    s = await state(t.app, b);
    assert.deepEqual(s.orgs, [{ id: t.orgId, name: "Emulator Organization" }]);
    assert.deepEqual(s.projects.map((p) => p.id), [t.projectId]);
    const byProvider = (p: string) => s.services.find((x) => x.provider === p)!;
    assert.equal(byProvider("AWS").status, "AVAILABLE");
    assert.match(byProvider("AWS").names[0]!.value!, /^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/);
    assert.deepEqual(byProvider("AZURE").names.map((n) => n.field), ["privateLinkServiceName", "privateLinkServiceResourceId"]);
    assert.ok(byProvider("GCP").names.filter((n) => n.field.startsWith("serviceAttachmentNames[")).length >= 1);
    assert.equal(byProvider("AWS").cloudRegion, "us-east-1");

    // Import ids: `{project_id}-{private_link_id}-{provider_name}-{region}` (region as regionName)
    // and `{project_id}--{private_link_id}--{endpoint_service_id}--{provider_name}`.
    assert.deepEqual(byProvider("AWS").importId, {
      resource: "mongodbatlas_privatelink_endpoint",
      format: "{project_id}-{private_link_id}-{provider_name}-{region}",
      value: `${t.projectId}-${aws["id"]}-AWS-US_EAST_1`,
    });
    assert.equal(byProvider("AZURE").importId.value, `${t.projectId}-${azure["id"]}-AZURE-${azure["regionName"]}`);
    assert.equal(byProvider("GCP").importId.value, `${t.projectId}-${gcp["id"]}-GCP-${gcp["regionName"]}`);
    const ep = (p: string) => s.endpoints.find((x) => x.provider === p)!;
    assert.deepEqual(ep("AWS").importId, {
      resource: "mongodbatlas_privatelink_endpoint_service",
      format: "{project_id}--{private_link_id}--{endpoint_service_id}--{provider_name}",
      value: `${t.projectId}--${aws["id"]}--vpce-0123456789abcdef0--AWS`,
    });
    assert.equal(ep("AZURE").importId.value, `${t.projectId}--${azure["id"]}--${azureId}--AZURE`);
    assert.equal(ep("GCP").importId.value, `${t.projectId}--${gcp["id"]}--group-1--GCP`);
    assert.equal(ep("AWS").failureStatus, "REJECTED");
    assert.equal(ep("AZURE").failureStatus, "FAILED");
    assert.ok(ep("AZURE").names.some((n) => n.field === "privateEndpointIPAddress" && n.value === "10.0.0.4"));
    assert.ok(!ep("GCP").statuses.includes("DELETED"));
    for (const p of ["AWS", "AZURE", "GCP"] as const) assert.deepEqual(ep(p).statuses, endpointStatuses(p), `${p}: the statuses the control API accepts`);
    assert.ok(s.operations.includes("createPrivateEndpointService"));
    assert.equal(s.truncated, false);
    await t.close();
  });

  it("keeps a timeline of each object's transitions with emulator timestamps and causes", async () => {
    const t = await testEmulator({ profile: "fast" });
    const b = await owner(t);
    const created = t.clock.now();
    const svc = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "eu-west-1" }));
    t.clock.advance(1000);
    const failed = await call(t.app, b, "POST", `/console/api/control/objects/endpoint-services/${svc["id"]}/status`, { status: "FAILED", errorMessage: "No capacity." });
    assert.equal(failed.statusCode, 200, failed.body);
    const s = (await state(t.app, b)).services[0]!;
    assert.equal(s.status, "FAILED");
    assert.equal(s.errorMessage, "No capacity.");
    assert.deepEqual(s.timeline, [
      { at: new Date(created).toISOString(), from: null, to: "INITIATING", cause: "created", errorMessage: null },
      { at: new Date(created + 1000).toISOString(), from: "INITIATING", to: "AVAILABLE", cause: "timer", errorMessage: null },
      { at: new Date(created + 1000).toISOString(), from: "AVAILABLE", to: "FAILED", cause: "control", errorMessage: "No capacity." },
    ]);
    await t.close();
  });

  it("maps its actions onto the control API and forwards nothing else", async () => {
    const t = await testEmulator({ profile: "fast" });
    const b = await owner(t);
    const svc = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    t.clock.advance(1000);
    await t.client.post(`${t.pe}/AWS/endpointService/${svc["id"]}/endpoint`, { id: "vpce-0123456789abcdef0" });
    const control = (method: InjectOptions["method"], path: string, body?: unknown) => call(t.app, b, method, `/console/api/control/${path}`, body);

    // Reject an endpoint with a message; the Atlas API then answers it so.
    const q = `serviceId=${svc["id"]}&endpointId=vpce-0123456789abcdef0`;
    assert.equal((await control("POST", `objects/private-endpoints/status?${q}`, { status: "REJECTED", errorMessage: "Rejected by a test." })).statusCode, 200);
    const endpoint = obj(await t.client.get(`${t.pe}/AWS/endpointService/${svc["id"]}/endpoint/vpce-0123456789abcdef0`));
    assert.equal(endpoint["connectionStatus"], "REJECTED");
    assert.equal(endpoint["errorMessage"], "Rejected by a test.");
    // Validation is the control API's own.
    const bad = await control("POST", `objects/private-endpoints/status?${q}`, { status: "SLEEPING" });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { errorCode: string }).errorCode, "VALIDATION_ERROR");
    // Delete out of band: the API answers 404 at once (drift).
    assert.equal((await control("DELETE", `objects/private-endpoints?${q}`)).statusCode, 204);
    assert.equal((await t.client.get(`${t.pe}/AWS/endpointService/${svc["id"]}/endpoint/vpce-0123456789abcdef0`)).status, 404);
    assert.equal((await control("DELETE", `objects/endpoint-services/${svc["id"]}`)).statusCode, 204);
    assert.equal((await t.client.get(`${t.pe}/AWS/endpointService/${svc["id"]}`)).status, 404);

    const project = await control("POST", "projects", { name: "Console project" });
    assert.equal(project.statusCode, 201);
    assert.ok((await state(t.app, b)).projects.some((p) => p.name === "Console project"));
    assert.equal((await control("POST", "cloud/aws/endpoints", { id: "vpce-0aaaaaaaaaaaaaaaa" })).statusCode, 201);
    assert.deepEqual((await state(t.app, b)).cloud, [{ provider: "AWS", id: "vpce-0aaaaaaaaaaaaaaaa" }]);
    const profile = await control("PUT", "profile", { base: "fast", transitions: { "*.*.*": 300 } });
    assert.equal(profile.statusCode, 200);
    assert.equal((profile.json() as { effective: Record<string, { afterMs: number }> }).effective["endpointService.AWS.INITIATING"]!.afterMs, 300);
    assert.equal((await control("POST", "faults", { id: "f1", operation: "getPrivateEndpointService", error: { status: 503, errorCode: "SERVICE_UNAVAILABLE" } })).statusCode, 201);
    assert.equal(((await control("GET", "faults")).json() as { rules: unknown[] }).rules.length, 1);
    assert.equal((await control("DELETE", "faults/f1")).statusCode, 204);
    assert.equal((await control("POST", "clock", { advance: "90s" })).statusCode, 200);
    assert.equal((await control("GET", "requests?since=0&limit=5")).statusCode, 200);
    const reset = await control("POST", "reset", {});
    assert.equal((reset.json() as { reset: boolean }).reset, true);
    assert.deepEqual((await state(t.app, b)).cloud, []);

    // Not console actions: routes that answer secrets, and anything unknown.
    for (const [method, path] of [
      ["POST", "api-keys"],
      ["POST", "service-accounts"],
      ["DELETE", "api-keys/x"],
      ["GET", "events"],
      ["GET", "../api/atlas/v2/groups"],
      ["PATCH", "clock"],
    ] as const) {
      const res = await control(method, path, method === "GET" || method === "DELETE" ? undefined : {});
      assert.ok(res.statusCode === 404, `${method} ${path} → ${res.statusCode}`);
    }
    await t.close();
  });

  it("completes pending steps deadline by deadline, moving the clock no further than needed", async () => {
    const t = await testEmulator({ profile: "fast" });
    const b = await owner(t);
    const svc = obj(await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    const start = t.clock.now();
    const res = await call(t.app, b, "POST", "/console/api/complete-pending");
    assert.equal(res.statusCode, 200, res.body);
    const done = res.json() as { transitionsApplied: number; stillPending: number; summary: EmulatorSummary };
    assert.equal(done.transitionsApplied, 1);
    assert.equal(done.stillPending, 0);
    assert.equal(done.summary.epochMs, start + 1000, "one 1 s step: the clock moved 1 s");
    await t.client.post(`${t.pe}/AWS/endpointService/${svc["id"]}/endpoint`, { id: "vpce-0123456789abcdef0" });
    const again = (await call(t.app, b, "POST", "/console/api/complete-pending")).json() as { transitionsApplied: number; summary: EmulatorSummary };
    assert.equal(again.transitionsApplied, 2, "PENDING_ACCEPTANCE → PENDING → AVAILABLE");
    assert.equal(again.summary.epochMs, start + 3000);
    assert.equal((await state(t.app, b)).endpoints[0]!.status, "AVAILABLE");
    await t.close();
  });

  it("completing a step whose deadline is past the clock's range answers 400 VALIDATION_ERROR and moves nothing", async () => {
    const t = await testEmulator({ profile: "fast" });
    const b = await owner(t);
    t.clock.setTime(MAX_CLOCK_MS - 500);
    await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }); // due 1 s later: past the range
    const res = await call(t.app, b, "POST", "/console/api/complete-pending");
    assert.equal(res.statusCode, 400, res.body);
    assert.equal((res.json() as { errorCode: string }).errorCode, "VALIDATION_ERROR");
    assert.equal(t.clock.now(), MAX_CLOCK_MS - 500);
    await t.close();
  });

  it("streams live changes as Server-Sent Events, each with the object as now shown", async () => {
    const emu = await startEmulator({ clock: manualClock(), profile: "fast", publicKey: "admin", privateKey: "k1" });
    try {
      // Over a socket the cookie is named after the port (two emulators on one host stay apart).
      const loggedIn = await fetch(`${emu.url}/console/login`, { method: "POST", headers: FORM, body: "publicKey=admin&privateKey=k1", redirect: "manual" });
      assert.equal(loggedIn.status, 303);
      const cookie = String(loggedIn.headers.get("set-cookie")).split(";")[0]!;
      assert.match(cookie, new RegExp(`^atlas_console_${emu.port}=`));
      const b: Browser = { cookie, csrf: "" };
      const unauthorized = await fetch(`${emu.url}/console/api/events`);
      assert.equal(unauthorized.status, 401);
      await unauthorized.body?.cancel();
      const controller = new AbortController();
      const res = await fetch(`${emu.url}/console/api/events`, { headers: { cookie: b.cookie }, signal: controller.signal });
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get("content-type")), /^text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      const next = async (): Promise<ConsoleChange> => {
        for (;;) {
          const end = buffer.indexOf("\n\n");
          if (end >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(frame);
            if (/^event: change$/m.test(frame) && data) return JSON.parse(data[1]!) as ConsoleChange;
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error("stream ended");
          buffer += decoder.decode(value, { stream: true });
        }
      };
      const created = await fetch(`${emu.url}/_emulator/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ projects: 1, providers: ["AWS"], pending: true }) });
      assert.equal(created.status, 201);
      const projectChange = await next();
      assert.deepEqual(projectChange, { kind: "refresh", reason: "project" });
      const snapshot = (await (await fetch(`${emu.url}/console/api/state`, { headers: { cookie } })).json()) as ConsoleState;
      const s = snapshot.services[0]!;
      assert.equal(s.status, "INITIATING");
      emu.advance("1s");
      const change = await next();
      assert.equal(change.kind, "service");
      if (change.kind !== "service") return;
      assert.equal(change.service.id, s.id);
      assert.equal(change.service.status, "AVAILABLE");
      assert.deepEqual(change.transition, { from: "INITIATING", to: "AVAILABLE", cause: "timer" });
      assert.equal(change.service.timeline.at(-1)!.to, "AVAILABLE");
      await fetch(`${emu.url}/_emulator/objects/endpoint-services/${s.id}`, { method: "DELETE" });
      assert.deepEqual(await next(), { kind: "removed", key: `es:${s.id}`, label: `AWS endpoint service ${s.id}` });
      controller.abort();
    } finally {
      await emu.close();
    }
  });

  it("never shows or logs a secret", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const privateKey = "c0ns0le-pr1vate-key-0123456789";
    const app = await buildApp({ logger: pino({ level: "trace" }, sink), clock: manualClock(), publicKey: "admin", privateKey });
    const hashes = [ha1("MD5", "admin", privateKey), ha1("SHA-256", "admin", privateKey)];
    const token = app.webConsole!.issueLoginToken();
    await app.inject({ method: "GET", url: `/console?token=${token}` });
    await app.inject({ method: "POST", url: "/console/login", headers: FORM, payload: `publicKey=admin&privateKey=${privateKey}-wrong` });
    const b = await login(app, "admin", privateKey);
    const control = (method: InjectOptions["method"], path: string, body?: unknown) => call(app, b, method, `/console/api/control/${path}`, body);
    await control("POST", "seed", { providers: ["AWS", "AZURE", "GCP"], endpointsPerService: 1 });
    const bodies = [
      (await app.inject({ method: "GET", url: "/console/api/state", headers: { cookie: b.cookie } })).body,
      (await app.inject({ method: "GET", url: "/console/api/session", headers: { cookie: b.cookie } })).body,
      (await app.inject({ method: "GET", url: "/console/api/summary", headers: { cookie: b.cookie } })).body,
      (await control("GET", "objects")).body,
      (await control("GET", "requests")).body,
      (await app.inject({ method: "GET", url: "/console", headers: { cookie: b.cookie } })).body,
    ];
    await app.close();
    const everything = [...bodies, ...lines].join("\n");
    for (const secret of [privateKey, ...hashes, token, b.cookie.split("=")[1]!]) assert.ok(!everything.includes(secret), `a secret leaked: ${secret.slice(0, 8)}…`);
  });
});

describe("web console: start-up", () => {
  it("the CLI prints a one-time console link on start-up, and --help mentions the console", async () => {
    const { spawn, spawnSync } = await import("node:child_process");
    const { createInterface } = await import("node:readline");
    const { fileURLToPath } = await import("node:url");
    const main = fileURLToPath(new URL("../main.js", import.meta.url));
    const help = spawnSync(process.execPath, [main, "--help"], { encoding: "utf8" });
    assert.match(help.stdout, /--no-console/);
    assert.match(help.stdout, /web console at \/console/);
    const child = spawn(process.execPath, [main, "--in-memory", "--port", "0", "--log-level", "silent"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout! });
        rl.on("line", (line) => {
          lines.push(line);
          if (line.startsWith("atlas-emulator ready:")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${lines.join("\n")}`)));
      });
      const consoleLine = lines.find((l) => l.startsWith("  console"));
      assert.ok(consoleLine, lines.join("\n"));
      const url = /(http:\/\/127\.0\.0\.1:\d+\/console\?token=[A-Za-z0-9_-]{43})/.exec(consoleLine)![1]!;
      const first = await fetch(url, { redirect: "manual" });
      assert.equal(first.status, 303);
      const cookie = String(first.headers.get("set-cookie")).split(";")[0]!;
      assert.match(cookie, new RegExp(`^atlas_console_${new URL(url).port}=`));
      const page = await fetch(new URL("/console", url), { headers: { cookie }, redirect: "manual" });
      assert.equal(page.status, 200);
      await page.text();
      const reused = await fetch(url, { redirect: "manual" });
      assert.equal(reused.status, 401);
      await reused.text();
    } finally {
      child.kill("SIGTERM");
    }
  });
});
