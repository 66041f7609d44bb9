import assert from "node:assert/strict";
import { connect } from "node:net";
import { describe, it } from "node:test";
import fc from "fast-check";
import { startEmulator } from "../index.js";
import { AtlasTestClient, fetchTransport, testEmulator, V2 } from "../testing/client.js";

/**
 * Malformed requests of every kind: never a 5xx, never a crash, every error in the Atlas shape.
 * (The OAuth endpoints answer in the OAuth error shape by design; they are checked for no 5xx.)
 */
const ERROR_KEYS = ["detail", "error", "errorCode", "parameters", "reason"];

function assertAtlasError(status: number, headers: Record<string, unknown>, text: string, context: string): void {
  assert.ok(status < 500, `${context} → ${status} ${text.slice(0, 300)}`);
  if (status < 400) return;
  assert.equal(headers["content-type"], "application/json", `${context}: content type`);
  const body = JSON.parse(text) as Record<string, unknown>;
  const inner = (body["content"] as Record<string, unknown> | undefined) ?? body; // envelope=true
  assert.deepEqual(Object.keys(inner), ERROR_KEYS, `${context}: keys of ${text.slice(0, 200)}`);
  assert.equal(typeof inner["errorCode"], "string");
  assert.equal(headers["x-error-code"], inner["errorCode"]);
}

const hex24 = fc.stringMatching(/^[0-9a-f]{24}$/);
const segment = fc.oneof(
  fc.constantFrom("AWS", "AZURE", "GCP", "aws", "endpointService", "endpoint", "privateEndpoint", "regionalMode", "clusters", "groups", "..", ".", "", "%", "%zz", "%2", "%00", "%ff%fe", "%2Fsubscriptions%2F", "%252F", "vpce-0123456789abcdef0", "~", "a;b", "'", "%E2%98%83"),
  hex24,
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ minLength: 200, maxLength: 400 }).map(encodeURIComponent),
);
const prefix = fc.constantFrom("/api/atlas/v2/groups/", "/api/atlas/v1.0/groups/", "/api/atlas/v2/", "/api/", "/api/oauth/", "/_emulator/", "/", "//api/atlas/v2/groups/");
const query = fc.oneof(
  fc.constant(""),
  fc.constantFrom("?pretty=true", "?envelope=true", "?pretty=maybe", "?envelope=1", "?pageNum=0", "?itemsPerPage=9999", "?%zz=1", "?a=%", "?includeCount=x&pretty=true&envelope=true"),
  fc.string({ maxLength: 20 }).map((s) => `?${encodeURIComponent(s)}=${encodeURIComponent(s)}`),
);
const accept = fc.constantFrom(undefined, V2, "application/json", "*/*", "application/vnd.atlas.2024-08-05+json", "application/vnd.atlas.1999-01-01+json", "application/vnd.atlas.2023-02-31+json", "application/vnd.atlas.preview+json", "text/html", ";;;", "application/vnd.atlas.+json");
const contentType = fc.constantFrom(undefined, V2, "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "");
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  fc.constant(undefined),
  jsonValue.map((v) => JSON.stringify(v)),
  fc.record(
    {
      providerName: fc.oneof(fc.constantFrom("AWS", "AZURE", "GCP", "aws"), jsonValue),
      region: fc.oneof(fc.constantFrom("us-east-1", "EU_WEST_1", "eastus2", "us-central1"), jsonValue),
      supportedRemoteRegions: fc.oneof(fc.constant(["US_EAST_1"]), jsonValue),
      portMappingEnabled: jsonValue,
      id: fc.oneof(fc.constantFrom("vpce-0123456789abcdef0", "/subscriptions/x"), jsonValue),
      endpoints: jsonValue,
      enabled: jsonValue,
      name: jsonValue,
      cloudProvider: jsonValue,
    },
    { requiredKeys: [] },
  ).map((v) => JSON.stringify(v)),
  fc.constantFrom("{", '{"a":', "null", "[]", '"x"', "\u0000\u0001", "{}}", "x".repeat(70_000)),
);
const method = fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS");
const authMode = fc.constantFrom("valid", "valid", "valid", "none", "garbage", "bearer", "basic", "digest-wrong");

describe("fuzz: malformed requests", () => {
  it("in-process: no 5xx, every error Atlas-shaped, the emulator keeps serving", async () => {
    const t = await testEmulator({ profile: "instant", bodyLimit: 64 * 1024, rateLimit: false });
    // Real objects, so some fuzzed paths reach real handlers.
    await t.client.post(`${t.pe}/endpointService`, { providerName: "AWS", region: "us-east-1" });
    await t.client.get(`${t.pe}/regionalMode`);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(method, prefix, fc.array(segment, { maxLength: 8 }), query, accept, contentType, body, authMode, fc.boolean(),
        async (m, pre, segs, q, acc, ct, b, auth, useProject) => {
          const segments = useProject && pre.endsWith("/groups/") ? [t.projectId, ...segs] : segs;
          const path = `${pre}${segments.join("/")}${q}`;
          const headers: Record<string, string> = {};
          if (acc !== undefined) headers["accept"] = acc;
          if (ct !== undefined && b !== undefined) headers["content-type"] = ct;
          if (auth === "valid") headers["authorization"] = t.client.authorization(m, path) ?? "";
          else if (auth === "garbage") headers["authorization"] = "Digest ,,,=";
          else if (auth === "bearer") headers["authorization"] = "Bearer abc.def.ghi";
          else if (auth === "basic") headers["authorization"] = "Basic !!!";
          else if (auth === "digest-wrong") headers["authorization"] = 'Digest username="x", realm="MMS Public API", nonce="n", uri="/", response="r", qop=auth, nc=00000001, cnonce="c"';
          const res = await t.app.inject({ method: m as "GET", url: path, headers, ...(b !== undefined ? { payload: b } : {}) });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode === 401 && auth === "valid") t.client.absorbChallenge({ status: 401, headers: res.headers as Record<string, string>, text: "", json: undefined });
          const context = `${m} ${path.slice(0, 200)}`;
          if (path.startsWith("/api/oauth/")) assert.ok(res.statusCode < 500, context);
          else if (m !== "HEAD") assertAtlasError(res.statusCode, res.headers, res.body, context);
          else assert.ok(res.statusCode < 500, context);
        },
      ),
      { numRuns: 1500, seed: 20261123 },
    );
    // The generator reached every layer of the pipeline (not only the router's 404).
    for (const expected of [200, 400, 401, 404, 405, 406, 413, 415]) assert.ok(statuses.has(expected), `no ${expected} in ${JSON.stringify([...statuses])}`);
    const after = await t.client.get(`${t.pe}/AWS/endpointService`);
    assert.equal(after.status, 200);
    await t.close();
  });

  it("over a real socket: broken HTTP gets an Atlas-shaped 400 (or a closed connection), never a crash", async () => {
    const emu = await startEmulator({ logger: false });
    const port = emu.port;
    const raw = (payload: string | Buffer) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, "127.0.0.1");
        let data = "";
        socket.on("data", (d) => (data += d.toString("latin1")));
        socket.on("error", () => resolve(data));
        socket.on("close", () => resolve(data));
        socket.write(payload);
        setTimeout(() => socket.end(), 50).unref();
      });
    const cases: (string | Buffer)[] = [
      "GARBAGE\r\n\r\n",
      "GET /api/atlas/v2/groups HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
      "GET /api/atlas/v2/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /_emulator/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n",
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      "POST /api/atlas/v2/groups HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "POST /api/atlas/v2/groups HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
      "POST /api/atlas/v2/groups HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00]),
      "GET /api/atlas/v2/groups HTTP/9.9\r\nHost: x\r\n\r\n",
      // HTTP/1.1 without Host (found by the R4 fuzz campaign: Node answered a bare 400 itself)
      "GET /api/atlas/v2/%zz HTTP/1.1\r\n\r\n",
      "GET /_emulator/health HTTP/1.1\r\n\r\n",
      "POST /api/atlas/v2/groups HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
    ];
    try {
      for (const c of cases) {
        const answer = await raw(c);
        if (answer === "") continue; // the connection was closed: acceptable
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
        assert.ok(status >= 400 && status < 500, `${String(c).slice(0, 60)} → ${answer.slice(0, 120)}`);
        const [head, text] = answer.split("\r\n\r\n", 2) as [string, string];
        const headers: Record<string, string> = {};
        for (const line of head.split("\r\n").slice(1)) {
          const i = line.indexOf(":");
          headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
        }
        if (status !== 401) assertAtlasError(status, headers, text, String(c).slice(0, 60));
      }
      const client = new AtlasTestClient(fetchTransport(emu.url), { publicKey: emu.bootstrap.publicKey, privateKey: emu.bootstrap.privateKey });
      assert.equal((await client.get(`/api/atlas/v2/groups/${emu.bootstrap.projectId}/privateEndpoint/regionalMode`)).status, 200, "still serving");
    } finally {
      await emu.close();
    }
  });
});
