/**
 * R4 — API fuzz: at least 10,000 generated bad requests against the emulator CLI over real
 * sockets (fast-check, fixed seed): methods, real and mangled paths (project, service and endpoint
 * ids of real objects, escapes, dot segments, long and non-ASCII segments), query flags, media
 * types, JSON and broken bodies (up to past the body limit), and every kind of authentication
 * (valid Digest, wrong user, wrong uri, replayed, garbage, Bearer, Basic); plus generated broken
 * HTTP on raw sockets. Pass: no 5xx, every error in the Atlas body shape with a matching
 * X-Error-Code (the OAuth endpoints answer in the OAuth shape by design and are checked for no
 * 5xx only), the process never dies and logs no error, and it still serves afterwards.
 */
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import fc from "fast-check";
import { DigestSigner } from "../harness/digest.js";
import { CliEmulator, freePort } from "../harness/emulator-process.js";
import { Verdict, type Campaign, type CampaignOptions, type CampaignResult } from "./campaign.js";

export const FULL_REQUESTS = 10_000;
export const CI_REQUESTS = 500;
const V2 = "application/vnd.atlas.2023-01-01+json";
const ERROR_KEYS = ["detail", "error", "errorCode", "parameters", "reason"];
const PROJECT = "6f0220f0220f0220f0220f02";
const PUBLIC_KEY = "r4-fuzz";

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(agent: Agent | false, port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Res | "reset"> {
  return new Promise((resolve) => {
    const req = request({ agent, host: "127.0.0.1", port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", () => resolve("reset"));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve("reset"));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** What is wrong with an answer (empty: fine). */
export function answerProblems(method: string, path: string, res: Res): string[] {
  if (res.status >= 500) return [`${res.status} ${res.body.slice(0, 300)}`];
  if (res.status < 400 || method === "HEAD" || path.startsWith("/api/oauth/")) return [];
  const problems: string[] = [];
  if (res.headers["content-type"] !== "application/json") problems.push(`content-type ${String(res.headers["content-type"])}`);
  let body: Record<string, unknown> | undefined;
  try {
    const parsed = JSON.parse(res.body) as Record<string, unknown>;
    body = (parsed["content"] as Record<string, unknown> | undefined) ?? parsed; // envelope=true
  } catch {
    problems.push(`not JSON: ${res.body.slice(0, 200)}`);
  }
  if (body) {
    if (JSON.stringify(Object.keys(body)) !== JSON.stringify(ERROR_KEYS)) problems.push(`keys ${Object.keys(body).join(",")}`);
    if (typeof body["errorCode"] !== "string") problems.push("errorCode is not a string");
    if (body["error"] !== res.status && !(path.includes("envelope=true") && body["error"] !== undefined)) problems.push(`error ${String(body["error"])} ≠ status ${res.status}`);
    if (res.headers["x-error-code"] !== body["errorCode"]) problems.push(`X-Error-Code ${String(res.headers["x-error-code"])} ≠ ${String(body["errorCode"])}`);
  }
  return problems;
}

interface Ids {
  services: { provider: string; id: string }[];
  endpoints: { provider: string; service: string; id: string }[];
}

function generators(ids: Ids) {
  const hex24 = fc.stringMatching(/^[0-9a-f]{24}$/);
  const mangled = fc.oneof(
    fc.constantFrom("", ".", "..", "%", "%zz", "%2", "%00", "%ff%fe", "%2F", "%252F", "~", "a;b", "'", "\"", "%E2%98%83", "%C0%AF", "null", "undefined", "-1", "0", "1e309"),
    hex24,
    fc.stringMatching(/^[0-9A-F]{24}$/),
    fc.string({ maxLength: 16 }).map(encodeURIComponent),
    fc.string({ unit: "grapheme", maxLength: 8 }).map(encodeURIComponent),
    fc.string({ minLength: 300, maxLength: 3000 }).map(encodeURIComponent),
  );
  const seg = (real: fc.Arbitrary<string>) => fc.oneof({ weight: 3, arbitrary: real }, { weight: 2, arbitrary: mangled });
  const project = seg(fc.constant(PROJECT));
  const provider = seg(fc.constantFrom("AWS", "AZURE", "GCP", "aws", "Azure"));
  const service = seg(fc.constantFrom(...ids.services.map((s) => s.id)));
  const endpoint = seg(fc.constantFrom(...ids.endpoints.map((e) => encodeURIComponent(e.id)), "vpce-0123456789abcdef0", "%2Fsubscriptions%2Fx"));
  const version = fc.constantFrom("v2", "v2", "v1.0", "v1", "v3", "");
  const structured = fc.oneof(
    fc.tuple(version, project).map(([v, p]) => `/api/atlas/${v}/groups/${p}/privateEndpoint/endpointService`),
    fc.tuple(version, project, provider).map(([v, p, c]) => `/api/atlas/${v}/groups/${p}/privateEndpoint/${c}/endpointService`),
    fc.tuple(version, project, provider, service).map(([v, p, c, s]) => `/api/atlas/${v}/groups/${p}/privateEndpoint/${c}/endpointService/${s}`),
    fc.tuple(version, project, service).map(([v, p, s]) => `/api/atlas/${v}/groups/${p}/privateEndpoint/endpointService/${s}`),
    fc.tuple(version, project, provider, service).map(([v, p, c, s]) => `/api/atlas/${v}/groups/${p}/privateEndpoint/${c}/endpointService/${s}/endpoint`),
    fc.tuple(version, project, provider, service, endpoint).map(([v, p, c, s, e]) => `/api/atlas/${v}/groups/${p}/privateEndpoint/${c}/endpointService/${s}/endpoint/${e}`),
    fc.tuple(version, project).map(([v, p]) => `/api/atlas/${v}/groups/${p}/privateEndpoint/regionalMode`),
    fc.tuple(version, project).map(([v, p]) => `/api/atlas/${v}/groups/${p}`),
    fc.tuple(version, project).map(([v, p]) => `/api/atlas/${v}/groups/${p}/clusters`),
    version.map((v) => `/api/atlas/${v}/groups`),
    fc.constantFrom("/api/oauth/token", "/api/oauth/revoke"),
    // the control API (minus the routes that would reset, re-time or fault the emulator, or stream)
    fc.tuple(fc.constantFrom("objects", "objects/endpoint-services", "objects/private-endpoints", "objects/private-endpoints/status", "projects", "orgs", "api-keys", "service-accounts", "cloud", "cloud/aws/endpoints", "cloud/azure/endpoints", "cloud/gcp/endpoints", "cloud/oci/endpoints", "requests", "health", "seed", "nope"), fc.array(mangled, { maxLength: 2 })).map(([r, extra]) => `/_emulator/${[r, ...extra].join("/")}`),
  );
  const anyPath = fc.oneof(
    { weight: 4, arbitrary: structured },
    { weight: 1, arbitrary: fc.array(mangled, { maxLength: 8 }).map((s) => `/${s.join("/")}`) },
    { weight: 1, arbitrary: fc.tuple(structured, fc.array(fc.constantFrom("", "..", ".", "x", "%2e%2e"), { minLength: 1, maxLength: 3 })).map(([p, s]) => `${p}/${s.join("/")}`) },
    { weight: 1, arbitrary: structured.map((p) => p.replace(/\//g, "//")) },
  );
  const query = fc.oneof(
    { weight: 3, arbitrary: fc.constant("") },
    { weight: 2, arbitrary: fc.subarray(["pretty=true", "envelope=true", "pretty=maybe", "envelope=1", "pageNum=0", "pageNum=-1", "itemsPerPage=9999", "itemsPerPage=x", "includeCount=x", "%zz=1", "a=%", "pretty=true&pretty=false"], { minLength: 1 }).map((q) => `?${q.join("&")}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `?${encodeURIComponent(s)}=${encodeURIComponent(s)}`) },
  );
  const method = fc.constantFrom("GET", "GET", "POST", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS", "TRACE", "PROPFIND");
  const accept = fc.constantFrom(undefined, V2, V2, "application/json", "*/*", "application/vnd.atlas.2024-08-05+json", "application/vnd.atlas.1999-01-01+json", "application/vnd.atlas.2023-02-31+json", "application/vnd.atlas.preview+json", "text/html", ";;;", "application/vnd.atlas.+json", `${V2}, text/html;q=0.1`, "application/vnd.atlas.2023-01-01+xml");
  const contentType = fc.constantFrom(undefined, V2, "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "", "application/vnd.atlas.2023-01-01+json; charset=utf-16");
  const json = fc.jsonValue({ maxDepth: 3 });
  const field = <T>(real: fc.Arbitrary<T>) => fc.oneof(real, json);
  const body = fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: json.map((v) => JSON.stringify(v)) },
    {
      weight: 4,
      arbitrary: fc
        .record(
          {
            providerName: field(fc.constantFrom("AWS", "AZURE", "GCP", "aws", "OCI")),
            cloudProvider: field(fc.constantFrom("AWS", "AZURE", "GCP")),
            region: field(fc.constantFrom("us-east-1", "EU_WEST_1", "eastus2", "us-central1", "US_EAST_1", "moon-1", "")),
            supportedRemoteRegions: field(fc.constantFrom(["US_EAST_1"], ["us-east-1"], [], null, ["US_WEST_2", "US_WEST_2"])),
            portMappingEnabled: json,
            id: field(fc.constantFrom("vpce-0123456789abcdef0", "vpce-", "/subscriptions/x", "vpc-1", "")),
            privateEndpointIPAddress: field(fc.constantFrom("10.0.0.5", "10.0.0.300", "::1", "")),
            gcpProjectId: field(fc.constantFrom("my-project-1", "My_Project", "")),
            endpointGroupName: field(fc.constantFrom("group-1", "", "G")),
            endpoints: field(fc.constantFrom([], [{ endpointName: "r-1", ipAddress: "10.0.0.6" }], [{}], [null], "x")),
            enabled: json,
            name: json,
            orgId: json,
            roles: field(fc.constantFrom(["ORG_OWNER"], ["NOPE"], [{ role: "GROUP_OWNER" }], [])),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
    },
    { weight: 1, arbitrary: fc.constantFrom("{", '{"a":', "null", "[]", '"x"', "\u0000\u0001", "{}}", "x".repeat(70_000), '{"providerName":"AWS","region":"us-east-1"'.repeat(3), "\uFEFF{}", "grant_type=client_credentials") },
    { weight: 1, arbitrary: fc.constant("LARGE") },
  );
  const auth = fc.constantFrom("valid", "valid", "valid", "valid", "none", "garbage", "bearer", "basic", "wrong-user", "wrong-uri", "replay", "empty-digest");
  return fc.record({ method, path: anyPath, query, accept, contentType, body, auth });
}

/** Broken HTTP for raw sockets. */
function rawGenerator() {
  const line = fc.oneof(
    fc.constantFrom("GARBAGE", "GET / HTTP/9.9", "GET /a b c HTTP/1.1", "GET /api/atlas/v2/%zz HTTP/1.1", "POST /api/atlas/v2/groups HTTP/1.0", "\u0000\u0001\u0002", "GET  HTTP/1.1", " / HTTP/1.1"),
    fc.tuple(fc.constantFrom("GET", "POST", "G E T", "get", ""), fc.string({ maxLength: 40 }), fc.constantFrom("HTTP/1.1", "HTTP/1.0", "HTTP/2", "", "HTTP/1.1 extra")).map(([m, p, v]) => `${m} /${p} ${v}`),
  );
  const header = fc.oneof(
    fc.constantFrom("Host: x", "Bad Header", "Content-Length: -1", "Content-Length: 5", "Content-Length: 5\r\nContent-Length: 6", "Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked", `X-Big: ${"a".repeat(20_000)}`, "Authorization: Digest ,,,=", ": empty", "Host:"),
    fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 })).map(([k, v]) => `${k}: ${v}`),
  );
  return fc.oneof(
    fc.tuple(line, fc.array(header, { maxLength: 5 }), fc.string({ maxLength: 60 })).map(([l, hs, b]) => Buffer.from(`${l}\r\n${hs.join("\r\n")}\r\n\r\n${b}`, "utf8")),
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((a) => Buffer.from(a)),
  );
}

/** The first HTTP/1.x response in what a socket received (a keep-alive socket may carry more). */
export function firstResponse(raw: string): Res | undefined {
  const m = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(raw);
  const end = raw.indexOf("\r\n\r\n");
  if (!m || end < 0) return undefined;
  const headers: Record<string, string> = {};
  for (const line of raw.slice(m[0].length, end).split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let rest = raw.slice(end + 4);
  let body = "";
  if (headers["content-length"] !== undefined) body = rest.slice(0, Number(headers["content-length"]));
  else if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    for (;;) {
      const nl = rest.indexOf("\r\n");
      const size = parseInt(rest.slice(0, nl), 16);
      if (nl < 0 || !(size > 0)) break;
      body += rest.slice(nl + 2, nl + 2 + size);
      rest = rest.slice(nl + 2 + size + 2);
    }
  }
  return { status: Number(m[1]), headers, body };
}

function rawSend(port: number, payload: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    const done = () => resolve(data);
    socket.on("data", (d) => (data += d.toString("latin1")));
    socket.on("error", done);
    socket.on("close", done);
    socket.setTimeout(5_000, () => socket.destroy());
    socket.write(payload);
    setTimeout(() => socket.end(), 100).unref();
  });
}

export const fuzzCampaign: Campaign = {
  id: "R4",
  title: "API fuzz: generated bad requests over real sockets; no 5xx, no crash, every error in the Atlas shape",
  async run(options: CampaignOptions): Promise<CampaignResult> {
    const log = options.log ?? (() => {});
    const v = new Verdict(this.id, this.title);
    const target = options.runs ?? (options.scale === "full" ? FULL_REQUESTS : CI_REQUESTS);
    const seed = options.seed ?? 20261123;
    const privateKey = randomBytes(12).toString("hex");
    const port = await freePort();
    const emu = await CliEmulator.start({ port, publicKey: PUBLIC_KEY, privateKey, projectId: PROJECT, profile: "instant", args: ["--rate-limit", "off", "--log-level", "error"] });
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      // Real objects for the generator to aim at.
      const signer = new DigestSigner(PUBLIC_KEY, privateKey);
      const call = async (method: string, path: string, body?: unknown): Promise<Res> => {
        for (let i = 0; i < 3; i++) {
          const headers: Record<string, string> = { accept: V2 };
          if (signer.ready) headers["authorization"] = signer.header(method, path);
          if (body !== undefined) headers["content-type"] = V2;
          const r = await send(agent, port, method, path, headers, body === undefined ? undefined : Buffer.from(JSON.stringify(body)));
          if (r === "reset") throw new Error(`${method} ${path}: connection reset`);
          if (r.status === 401 && signer.absorb(r.headers["www-authenticate"])) continue;
          return r;
        }
        throw new Error(`${method} ${path}: authentication failed`);
      };
      const pe = `/api/atlas/v2/groups/${PROJECT}/privateEndpoint`;
      const ids: Ids = { services: [], endpoints: [] };
      for (const [provider, region] of [["AWS", "us-east-1"], ["AZURE", "eastus2"], ["GCP", "us-central1"]] as const) {
        const r = await call("POST", `${pe}/endpointService`, { providerName: provider, region });
        ids.services.push({ provider, id: String((JSON.parse(r.body) as { id: string }).id) });
      }
      await call("GET", `${pe}/AWS/endpointService`); // instant profile: AVAILABLE from here
      const [aws, azure, gcp] = ids.services as [Ids["services"][0], Ids["services"][0], Ids["services"][0]];
      const arm = "/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-fuzz";
      for (const [svc, body, id] of [
        [aws, { id: "vpce-0f0f0f0f0f0f0f0f0" }, "vpce-0f0f0f0f0f0f0f0f0"],
        [azure, { id: arm, privateEndpointIPAddress: "10.0.0.5" }, arm],
        [gcp, { endpointGroupName: "fuzz-group", gcpProjectId: "my-project-1", endpoints: [{ endpointName: "fuzz-rule-0", ipAddress: "10.2.0.10" }] }, "fuzz-group"],
      ] as const) {
        const r = await call("POST", `${pe}/${svc.provider}/endpointService/${svc.id}/endpoint`, body);
        v.check(r.status === 201, () => `setup: linking ${id} answered ${r.status} ${r.body}`);
        ids.endpoints.push({ provider: svc.provider, service: svc.id, id });
      }

      const statuses = new Map<number, number>();
      let refused = 0;
      let sent = 0;
      let resets = 0;
      const resetSamples: string[] = [];
      const problems: string[] = [];
      let lastAuth = "";
      const samples = fc.sample(generators(ids), { numRuns: Math.ceil(target * 1.6), seed });
      for (const s of samples) {
        if (refused >= target) break;
        const path = `${s.path}${s.query}`;
        const headers: Record<string, string> = {};
        if (s.accept !== undefined) headers["accept"] = s.accept;
        let body: Buffer | undefined;
        if (s.body !== undefined) {
          body = s.body === "LARGE" ? Buffer.alloc(1_100_000, "a") : Buffer.from(s.body);
          // framed explicitly: Node's client sends a HEAD/GET body unframed otherwise
          headers["content-length"] = String(body.length);
          if (s.contentType !== undefined) headers["content-type"] = s.contentType;
        }
        switch (s.auth) {
          case "valid":
            if (signer.ready) headers["authorization"] = lastAuth = signer.header(s.method, path);
            break;
          case "wrong-user":
            headers["authorization"] = new DigestSigner("nobody", "x").header(s.method, path).replace(/nonce="[^"]*"/, `nonce="${/nonce="([^"]*)"/.exec(lastAuth)?.[1] ?? ""}"`);
            break;
          case "wrong-uri":
            if (signer.ready) headers["authorization"] = signer.header(s.method, `${pe}/AWS/endpointService`);
            break;
          case "replay":
            if (lastAuth) headers["authorization"] = lastAuth;
            break;
          case "garbage":
            headers["authorization"] = "Digest ,,,=";
            break;
          case "empty-digest":
            headers["authorization"] = "Digest";
            break;
          case "bearer":
            headers["authorization"] = "Bearer abc.def.ghi";
            break;
          case "basic":
            headers["authorization"] = `Basic ${Buffer.from("x:y").toString("base64")}`;
            break;
        }
        let res: Res | "reset";
        try {
          res = await send(agent, port, s.method, path, headers, body);
        } catch {
          res = "reset";
        }
        sent++;
        if (res === "reset") {
          // Once more on a connection of its own: a keep-alive socket may have been spoiled by
          // the previous exchange (e.g. a body the server answered early and did not read).
          res = await send(false, port, s.method, path, headers, body);
        }
        if (res === "reset") {
          if (resetSamples.length < 5) resetSamples.push(`${s.method} ${path.slice(0, 80)} body ${body?.length ?? 0} B`);
          resets++;
          continue;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 400) refused++;
        if (res.status === 401 && s.auth === "valid") signer.absorb(res.headers["www-authenticate"]);
        const p = answerProblems(s.method, path, res);
        if (p.length > 0 && problems.length < 20) problems.push(`${s.method} ${path.slice(0, 160)} (auth ${s.auth}) → ${res.status}: ${p.join("; ")}`);
        if (p.length > 0) v.fail(`${s.method} ${path.slice(0, 160)} → ${res.status}: ${p.join("; ")}`);
        else v.checks++;
        if (sent % 2000 === 0) log(`R4: ${sent} requests sent, ${refused} refused`);
      }
      v.check(refused >= target, () => `only ${refused} bad requests were refused (target ${target})`);

      // Raw sockets: broken HTTP.
      const rawCount = Math.max(50, Math.round(target / 20));
      let rawClosed = 0;
      for (const payload of fc.sample(rawGenerator(), { numRuns: rawCount, seed: seed + 1 })) {
        const answer = await rawSend(port, payload);
        if (answer === "") {
          rawClosed++;
          v.checks++;
          continue;
        }
        const first = firstResponse(answer);
        const p = first === undefined ? [`not HTTP: ${answer.slice(0, 80)}`] : answerProblems("GET", "/", first);
        const status = first?.status ?? 0;
        v.check(p.length === 0, () => `raw ${JSON.stringify(payload.toString("latin1").slice(0, 80))} → ${answer.slice(0, 120)}: ${p.join("; ")}`);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }

      v.check(emu.alive, () => "the emulator process died");
      const health = await fetch(`${emu.url}/_emulator/health`).then((r) => r.status).catch(() => 0);
      v.check(health === 200, () => `health answered ${health} after the fuzz`);
      const after = await call("GET", `${pe}/AWS/endpointService/${aws.id}`);
      v.check(after.status === 200, () => `a valid request answered ${after.status} after the fuzz`);
      const errorLines = emu.stderr.split("\n").filter((l) => /"level":(50|60)/.test(l));
      v.check(errorLines.length === 0, () => `the emulator logged ${errorLines.length} errors: ${errorLines.slice(0, 3).join(" | ").slice(0, 1500)}`);
      const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
      v.figure("generated requests sent over HTTP", sent, `${refused} refused with 4xx (bad requests), ${sent - refused - resets} answered 2xx/3xx, ${resets} without an answer (${resetSamples.join("; ")}); seed ${seed}`);
      v.figure("raw broken-HTTP messages", rawCount, `${rawClosed} closed without an answer, the rest answered 4xx`);
      v.figure("5xx answers", fivexx);
      v.figure("errors not in the Atlas shape", problems.length);
      v.figure("emulator crashes / error log lines", `${emu.alive ? 0 : 1} / ${errorLines.length}`);
      v.figure("statuses", [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" "));
      log(`R4: ${sent} requests + ${rawCount} raw; statuses ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}`);
    } finally {
      agent.destroy();
      await emu.stop();
    }
    return v.result();
  },
};
