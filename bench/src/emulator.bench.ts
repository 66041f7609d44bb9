/**
 * Emulator benchmarks (docs/benchmarks.md, "## Emulator"):
 * 1. GET of one endpoint service with Digest auth over keep-alive, against a bare node:http
 *    server answering the same JSON — both in child processes, same load generator, same run,
 *    alternating rounds; the figure is the ratio of requests per second (goal ≥ 0.5).
 * 2. 100k private endpoints in a data directory: restart time (spawn → ready line, goal ≤ 3 s) and
 *    resident memory after restart and warm reads (goal ≤ 300 MB).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { goal, median, round, type Benchmark, type BenchmarkResult } from "./stats.js";

const BIN = join(dirname(fileURLToPath(import.meta.resolve("@atlas-privatelink/emulator"))), "..", "bin", "atlas-emulator.js");
const ACCEPT = "application/vnd.atlas.2023-01-01+json";
const CONCURRENCY = 16;
const ROUND_MS = 2_000;
const ROUNDS = 3;
/** Authorization headers computed per client before each timed round: enough for ROUND_MS at
 * 64k req/s in total (more would only feed the load generator's garbage collector). */
const PREPARED_PER_CLIENT = 8_000;

interface Ready {
  url: string;
  projectId: string;
  publicKey: string;
  privateKey: string | null;
}

function startEmulator(args: string[]): Promise<{ child: ChildProcess; ready: Ready; startedMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, "--port", "0", "--json", ...args], { stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) => resolve({ child, ready: JSON.parse(line) as Ready, startedMs: performance.now() - t0 }));
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

/** A bare node:http server answering one fixed JSON with the emulator's headers. */
function startBare(body: string, contentType: string): Promise<{ child: ChildProcess; url: string }> {
  const script = `
    import { createServer } from "node:http";
    const body = Buffer.from(${JSON.stringify(body)});
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "Content-Type": ${JSON.stringify(contentType)}, "Content-Length": body.length, "Ratelimit-Limit": "4000", "Ratelimit-Remaining": "3999" });
      res.end(body);
    });
    server.keepAliveTimeout = 72000;
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (port) => resolve({ child, url: `http://127.0.0.1:${port.trim()}` }));
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(agent: Agent, url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Res> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: u.hostname, port: u.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A Digest client (MD5, qop=auth) that reuses its nonce with an increasing nc, as real clients do. */
class Digest {
  #nonce = "";
  #nc = 0;
  readonly #ha1: string;
  constructor(
    private readonly publicKey: string,
    privateKey: string,
  ) {
    this.#ha1 = md5(`${publicKey}:MMS Public API:${privateKey}`);
  }
  /** The next `n` Authorization headers for one request, computed ahead of a timed round so the
   * load generator's own hashing does not count against the server (each is used once). */
  prepare(method: string, path: string, n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.header(method, path)!);
    return out;
  }
  header(method: string, path: string): string | undefined {
    if (this.#nonce === "") return undefined;
    const nc = (++this.#nc).toString(16).padStart(8, "0");
    const cnonce = randomBytes(8).toString("hex");
    const response = md5(`${this.#ha1}:${this.#nonce}:${nc}:${cnonce}:auth:${md5(`${method}:${path}`)}`);
    return `Digest username="${this.publicKey}", realm="MMS Public API", nonce="${this.#nonce}", uri="${path}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
  }
  absorb(res: Res): boolean {
    const challenge = [res.headers["www-authenticate"]].flat().find((c) => c?.includes("algorithm=MD5"));
    const nonce = challenge ? /nonce="([^"]+)"/.exec(challenge)?.[1] : undefined;
    if (!nonce) return false;
    this.#nonce = nonce;
    this.#nc = 0;
    return true;
  }
  async call(agent: Agent, url: string, method: string, path: string, body?: unknown): Promise<Res> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: ACCEPT };
      const auth = this.header(method, path);
      if (auth) headers["Authorization"] = auth;
      if (body !== undefined) headers["Content-Type"] = ACCEPT;
      const res = await send(agent, url, method, path, headers, body === undefined ? undefined : JSON.stringify(body));
      if (res.status === 401 && attempt < 2 && this.absorb(res)) continue;
      return res;
    }
  }
}

function md5(s: string): string {
  return createHash("md5").update(s).digest("hex");
}

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux); undefined
 * elsewhere. Assumes the usual 100 clock ticks per second. */
function cpuSeconds(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  const fields = readFileSync(file, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Requests per second over `ms`, `concurrency` loops each waiting for its previous answer. */
async function load(ms: number, concurrency: number, once: (worker: number) => Promise<void>): Promise<number> {
  let done = 0;
  const until = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < until) {
        await once(w);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

interface Throughput {
  emulator: number;
  bare: number;
  ratio: number;
  rounds: string;
  /** Server CPU time per request, µs (Linux only). */
  emulatorCpuUs: number | undefined;
  bareCpuUs: number | undefined;
}

/** Runs `round` and returns its req/s with the server process's CPU µs per request. */
async function measured(pid: number | undefined, round: () => Promise<number>): Promise<{ rps: number; cpuUs: number | undefined }> {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const rps = await round();
  const cpu1 = cpuSeconds(pid);
  const requests = rps * ((performance.now() - t0) / 1000);
  return { rps, cpuUs: cpu0 === undefined || cpu1 === undefined ? undefined : ((cpu1 - cpu0) * 1e6) / requests };
}

async function throughput(logLevel: string): Promise<Throughput> {
  const emu = await startEmulator(["--in-memory", "--rate-limit", "off", "--profile", "instant", "--log-level", logLevel]);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const boot = new Digest(emu.ready.publicKey, emu.ready.privateKey!);
  const created = await boot.call(agent, emu.ready.url, "POST", `/api/atlas/v2/groups/${emu.ready.projectId}/privateEndpoint/endpointService`, { providerName: "AWS", region: "us-east-1" });
  const id = (JSON.parse(created.body) as { id: string }).id;
  const path = `/api/atlas/v2/groups/${emu.ready.projectId}/privateEndpoint/AWS/endpointService/${id}`;
  const sample = await boot.call(agent, emu.ready.url, "GET", path);
  if (sample.status !== 200) throw new Error(`GET answered ${sample.status}: ${sample.body}`);
  const bare = await startBare(sample.body, String(sample.headers["content-type"]));
  const bareAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const clients = Array.from({ length: CONCURRENCY }, () => new Digest(emu.ready.publicKey, emu.ready.privateKey!));
  let prepared: string[][] = [];
  const prepare = async () => {
    // Each client learns its own nonce, then its next Authorization headers are precomputed.
    for (const c of clients) await c.call(agent, emu.ready.url, "GET", path);
    // Reversed so that pop() hands them out in increasing nc order.
    prepared = clients.map((c) => c.prepare("GET", path, PREPARED_PER_CLIENT).reverse());
  };
  const emuOnce = async (w: number) => {
    const authorization = prepared[w]!.pop();
    if (authorization === undefined) throw new Error("ran out of prepared Authorization headers: raise PREPARED_PER_CLIENT");
    const res = await send(agent, emu.ready.url, "GET", path, { Accept: ACCEPT, Authorization: authorization });
    if (res.status !== 200) throw new Error(`emulator answered ${res.status}: ${res.body}`);
  };
  const bareOnce = async () => {
    const res = await send(bareAgent, bare.url, "GET", path, { Accept: ACCEPT });
    if (res.status !== 200) throw new Error(`bare server answered ${res.status}`);
  };
  try {
    await prepare();
    await load(1000, CONCURRENCY, emuOnce); // warm-up (JIT, connections)
    prepared = [];
    await load(1000, CONCURRENCY, bareOnce);
    const e: number[] = [];
    const b: number[] = [];
    const eCpu: number[] = [];
    const bCpu: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const bare1 = await measured(bare.child.pid, () => load(ROUND_MS, CONCURRENCY, bareOnce));
      b.push(bare1.rps);
      if (bare1.cpuUs !== undefined) bCpu.push(bare1.cpuUs);
      await prepare();
      const emu1 = await measured(emu.child.pid, () => load(ROUND_MS, CONCURRENCY, emuOnce));
      e.push(emu1.rps);
      if (emu1.cpuUs !== undefined) eCpu.push(emu1.cpuUs);
      prepared = []; // not kept alive (and collected) during the next bare round
    }
    const emulator = median(e);
    const bareRps = median(b);
    return {
      emulator,
      bare: bareRps,
      ratio: emulator / bareRps,
      rounds: `emulator ${e.map((x) => Math.round(x)).join("/")} vs bare ${b.map((x) => Math.round(x)).join("/")} req/s`,
      emulatorCpuUs: eCpu.length > 0 ? median(eCpu) : undefined,
      bareCpuUs: bCpu.length > 0 ? median(bCpu) : undefined,
    };
  } finally {
    agent.destroy();
    bareAgent.destroy();
    await stop(emu.child);
    await stop(bare.child);
  }
}

interface Health {
  counts: { privateEndpoints: number; endpointServices: number; pendingTransitions: number };
  memory: { rssBytes: number };
}

async function health(agent: Agent, url: string): Promise<Health> {
  return JSON.parse((await send(agent, url, "GET", "/_emulator/health", {})).body) as Health;
}

async function hundredThousand(): Promise<BenchmarkResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "emulator-bench-"));
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  try {
    const first = await startEmulator(["--data-dir", dir, "--profile", "realistic", "--log-level", "warn", "--rate-limit", "off"]);
    const seed = (body: unknown) => send(agent, first.ready.url, "POST", "/_emulator/seed", { "Content-Type": "application/json" }, JSON.stringify(body));
    const t0 = performance.now();
    // 10 projects × 3 providers × 10 services × 330 endpoints = 99,000 AVAILABLE, plus 1,000
    // endpoints still pending (realistic timings), so the restart has steps to resume.
    for (let i = 0; i < 10; i++) await seed({ projects: 1, providers: ["AWS", "AZURE", "GCP"], servicesPerProvider: 10, endpointsPerService: 330 });
    await seed({ projects: 1, providers: ["AWS"], servicesPerProvider: 10, endpointsPerService: 100, pendingEndpoints: true });
    const seedMs = performance.now() - t0;
    const before = await health(agent, first.ready.url);
    await stop(first.child);

    const second = await startEmulator(["--data-dir", dir, "--log-level", "warn", "--rate-limit", "off"]);
    const afterStart = await health(agent, second.ready.url);
    // Warm reads through the Atlas API, with Digest: every project, every provider's service
    // list, then 2,000 endpoints spread over all services.
    const digest = new Digest(first.ready.publicKey, first.ready.privateKey!);
    const paths = await someEndpointPaths(agent, second.ready.url, digest, 2000);
    for (const path of paths) {
      const res = await digest.call(agent, second.ready.url, "GET", path);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    }
    const warm = await health(agent, second.ready.url);
    const listing = JSON.parse((await send(agent, second.ready.url, "GET", "/_emulator/objects", {})).body) as { counts: Health["counts"] };
    const afterListing = await health(agent, second.ready.url);
    await stop(second.child);
    const mb = (b: number) => round(b / 2 ** 20, 1);
    return [
      { name: "objects held", value: listing.counts.privateEndpoints, unit: "private endpoints", detail: `${listing.counts.endpointServices} endpoint services, ${afterStart.counts.pendingTransitions} steps pending after restart; seeded in ${Math.round(seedMs)} ms` },
      { name: "restart time (spawn → ready line)", value: round(second.startedMs / 1000, 2), unit: "s", goal: goal("<=", 3, second.startedMs / 1000) },
      { name: "RSS after restart and warm reads", value: mb(warm.memory.rssBytes), unit: "MB", detail: `right after start ${mb(afterStart.memory.rssBytes)} MB; the seeding process peaked at ${mb(before.memory.rssBytes)} MB`, goal: goal("<=", 300, mb(warm.memory.rssBytes)) },
      { name: "RSS after listing all 100k objects (/_emulator/objects)", value: mb(afterListing.memory.rssBytes), unit: "MB" },
    ];
  } finally {
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Paths of `n` endpoints spread over every service of every project, found through the Atlas
 * API (project list, then each provider's bare-array service list). */
async function someEndpointPaths(agent: Agent, url: string, digest: Digest, n: number): Promise<string[]> {
  const groups = JSON.parse((await digest.call(agent, url, "GET", "/api/atlas/v2/groups?itemsPerPage=500")).body) as { results: { id: string }[] };
  const all: string[] = [];
  for (const { id: groupId } of groups.results) {
    for (const provider of ["AWS", "AZURE", "GCP"]) {
      const list = JSON.parse((await digest.call(agent, url, "GET", `/api/atlas/v2/groups/${groupId}/privateEndpoint/${provider}/endpointService`)).body) as {
        id: string;
        interfaceEndpoints?: string[];
        privateEndpoints?: string[];
        endpointGroupNames?: string[];
      }[];
      for (const s of list) {
        for (const e of s.interfaceEndpoints ?? s.privateEndpoints ?? s.endpointGroupNames ?? []) {
          all.push(`/api/atlas/v2/groups/${groupId}/privateEndpoint/${provider}/endpointService/${s.id}/endpoint/${encodeURIComponent(e)}`);
        }
      }
    }
  }
  const step = Math.max(1, Math.floor(all.length / n));
  return all.filter((_, i) => i % step === 0).slice(0, n);
}

const benchmark: Benchmark = {
  id: "emulator",
  title: "Atlas private-endpoint emulator: Digest GET throughput vs bare node:http; 100k endpoints memory and restart",
  async run() {
    const quiet = await throughput("warn");
    const logged = await throughput("info");
    return [
      {
        name: "GET endpoint service, Digest, keep-alive, ratio to bare node:http (log level warn)",
        value: round(quiet.ratio, 2),
        detail: `${Math.round(quiet.emulator)} vs ${Math.round(quiet.bare)} req/s, ${CONCURRENCY} connections; ${quiet.rounds}`,
        goal: goal(">=", 0.5, quiet.ratio),
      },
      ...(quiet.emulatorCpuUs !== undefined && quiet.bareCpuUs !== undefined
        ? [
            {
              name: "server CPU per request, bare node:http / emulator (log level warn)",
              value: round(quiet.bareCpuUs / quiet.emulatorCpuUs, 2),
              detail: `${round(quiet.bareCpuUs, 1)} µs vs ${round(quiet.emulatorCpuUs, 1)} µs of server CPU per request: independent of the load generator, which shares the machine`,
            },
          ]
        : []),
      {
        name: "same, with a JSON log line per request (log level info, the CLI default)",
        value: round(logged.ratio, 2),
        detail: `${Math.round(logged.emulator)} vs ${Math.round(logged.bare)} req/s; ${logged.rounds}`,
      },
      ...(await hundredThousand()),
    ];
  },
};

export default benchmark;
