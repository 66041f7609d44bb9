/**
 * P5 — emulator scale: 100,000 private endpoints across 1,000 projects in a data directory
 * (seeded through `POST /_emulator/seed`: 1,000 projects × AWS/Azure/GCP services × 33 endpoints,
 * plus 1,000 endpoints still pending in the bootstrap project so the restart has steps to
 * resume), then: restart time (spawn → ready line) beside the restart of an empty data
 * directory, resident memory, and list latency with Digest over keep-alive — project list pages,
 * per-project service lists, single endpoints — beside the same requests against an emulator
 * holding one project of the same shape, alternating (goal for restart ≤ 3 s and RSS ≤ 300 MB as
 * in the emulator issue; the latency ratio shows whether size costs anything per request).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DigestSigner } from "@atlas-privatelink/e2e/harness/digest.js";
import { CliEmulator, type CliEmulatorOptions, type CliReady } from "@atlas-privatelink/e2e/harness/emulator-process.js";
import { digestCall, health, send } from "./emulator-cli.js";
import { goal, median, percentile, round, type Benchmark, type BenchmarkResult } from "./stats.js";

const PROJECTS = 1_000;
const PER_SERVICE = 33; // × 3 providers × 1,000 projects = 99,000, + 1,000 pending = 100,000
const SAMPLES = Number(process.env["BENCH_SCALE_SAMPLES"] ?? 400);
const PROVIDERS = ["AWS", "AZURE", "GCP"] as const;

interface Target {
  ready: CliReady;
  digest: DigestSigner;
  /** project id → provider → service id and its endpoint ids */
  projects: string[];
  services: { project: string; provider: string; id: string; endpoints: string[] }[];
}

async function discover(agent: Agent, ready: CliReady, digest: DigestSigner): Promise<Target> {
  const projects: string[] = [];
  for (let page = 1; ; page++) {
    const res = await digestCall(digest, agent, ready.url, "GET", `/api/atlas/v2/groups?itemsPerPage=500&pageNum=${page}`);
    const body = JSON.parse(res.body) as { results: { id: string }[] };
    projects.push(...body.results.map((g) => g.id));
    if (body.results.length < 500) break;
  }
  const services: Target["services"] = [];
  // a sample of projects is enough to aim the single-object reads
  for (const project of projects.filter((_, i) => i % Math.max(1, Math.floor(projects.length / 100)) === 0)) {
    for (const provider of PROVIDERS) {
      const list = JSON.parse((await digestCall(digest, agent, ready.url, "GET", `/api/atlas/v2/groups/${project}/privateEndpoint/${provider}/endpointService`)).body) as {
        id: string;
        interfaceEndpoints?: string[];
        privateEndpoints?: string[];
        endpointGroupNames?: string[];
      }[];
      for (const s of list) services.push({ project, provider, id: s.id, endpoints: s.interfaceEndpoints ?? s.privateEndpoints ?? s.endpointGroupNames ?? [] });
    }
  }
  return { ready, digest, projects, services: services.filter((s) => s.endpoints.length > 0) };
}

type Kind = "project list, a page of 1 anywhere in the list" | "service list of a project" | "one endpoint";
const KINDS: Kind[] = ["project list, a page of 1 anywhere in the list", "service list of a project", "one endpoint"];

function pathFor(t: Target, kind: Kind, i: number): string {
  const s = t.services[(i * 7919) % t.services.length]!;
  switch (kind) {
    case "project list, a page of 1 anywhere in the list":
      return `/api/atlas/v2/groups?itemsPerPage=1&pageNum=${1 + ((i * 7919) % t.projects.length)}`;
    case "service list of a project":
      return `/api/atlas/v2/groups/${s.project}/privateEndpoint/${s.provider}/endpointService`;
    case "one endpoint":
      return `/api/atlas/v2/groups/${s.project}/privateEndpoint/${s.provider}/endpointService/${s.id}/endpoint/${encodeURIComponent(s.endpoints[i % s.endpoints.length]!)}`;
  }
}

async function timed(agent: Agent, t: Target, path: string): Promise<number> {
  const t0 = performance.now();
  const res = await digestCall(t.digest, agent, t.ready.url, "GET", path);
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.body.slice(0, 300)}`);
  return ms;
}

const mb = (b: number) => round(b / 2 ** 20, 1);

/** The emulator CLI in a child process, its logs dropped. */
const startEmulator = (o: CliEmulatorOptions) => CliEmulator.start({ ...o, stderr: "ignore" });

const bench: Benchmark = {
  id: "P5",
  title: "emulator scale: 100k endpoints across 1k projects — restart time, RSS, list latency (vs one project)",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "bench-p5-"));
    const emptyDir = mkdtempSync(join(tmpdir(), "bench-p5-empty-"));
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const args = ["--log-level", "warn", "--rate-limit", "off"];
    try {
      const first = await startEmulator({ dataDir: dir, profile: "realistic", args });
      const seed = async (body: unknown) => {
        const res = await send(agent, first.ready.url, "POST", "/_emulator/seed", { "Content-Type": "application/json" }, JSON.stringify(body));
        if (res.status !== 201) throw new Error(`seed answered ${res.status}: ${res.body}`);
      };
      const t0 = performance.now();
      for (let i = 0; i < PROJECTS / 100; i++) await seed({ projects: 100, providers: PROVIDERS, servicesPerProvider: 1, endpointsPerService: PER_SERVICE });
      await seed({ providers: ["AWS"], servicesPerProvider: 10, endpointsPerService: 100, pendingEndpoints: true });
      const seedMs = performance.now() - t0;
      const seeded = await health(agent, first.ready.url);
      await first.stop();
      // the same restart on an empty data directory, for comparison
      const emptyFirst = await startEmulator({ dataDir: emptyDir, args });
      await emptyFirst.stop();

      const restarts: number[] = [];
      const emptyRestarts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const e = await startEmulator({ dataDir: emptyDir, args });
        emptyRestarts.push(e.startedMs);
        await e.stop();
        const b = await startEmulator({ dataDir: dir, args });
        restarts.push(b.startedMs);
        await b.stop();
      }
      const big = await startEmulator({ dataDir: dir, args });
      restarts.push(big.startedMs);
      const afterStart = await health(agent, big.ready.url);
      const small = await startEmulator({ profile: "instant", args });
      try {
        await send(agent, small.ready.url, "POST", "/_emulator/seed", { "Content-Type": "application/json" }, JSON.stringify({ projects: 1, providers: PROVIDERS, servicesPerProvider: 1, endpointsPerService: PER_SERVICE }));
        const bigT = await discover(agent, big.ready, new DigestSigner(first.ready.publicKey, first.ready.privateKey!));
        const smallT = await discover(agent, small.ready, new DigestSigner(small.ready.publicKey, small.ready.privateKey!));
        // warm-up of both
        for (const kind of KINDS) for (let i = 0; i < 50; i++) {
          await timed(agent, bigT, pathFor(bigT, kind, i));
          await timed(agent, smallT, pathFor(smallT, kind, i));
        }
        const lat: Record<Kind, { big: number[]; small: number[] }> = {
          "project list, a page of 1 anywhere in the list": { big: [], small: [] },
          "service list of a project": { big: [], small: [] },
          "one endpoint": { big: [], small: [] },
        };
        for (let i = 0; i < SAMPLES; i++) {
          for (const kind of KINDS) {
            lat[kind].big.push(await timed(agent, bigT, pathFor(bigT, kind, i)));
            lat[kind].small.push(await timed(agent, smallT, pathFor(smallT, kind, i)));
          }
        }
        const pages: number[] = [];
        for (let i = 0; i < 20; i++) pages.push(await timed(agent, bigT, `/api/atlas/v2/groups?itemsPerPage=500&pageNum=${1 + (i % 3)}`));
        const warm = await health(agent, big.ready.url);
        const tl = performance.now();
        const all = await send(agent, big.ready.url, "GET", "/_emulator/objects", {});
        const listAllMs = performance.now() - tl;
        const listing = JSON.parse(all.body) as { counts: { projects: number; endpointServices: number; privateEndpoints: number } };
        const afterListing = await health(agent, big.ready.url);
        const restart = median(restarts) / 1000;
        const results: BenchmarkResult[] = [
          { name: "objects held", value: listing.counts.privateEndpoints, unit: "private endpoints", detail: `${listing.counts.projects} projects, ${listing.counts.endpointServices} endpoint services, ${afterStart.counts.pendingTransitions} steps pending after restart; seeded in ${round(seedMs / 1000, 2)} s; ${mb(all.body.length)} MB listing` },
          { name: "restart time (spawn → ready line), median of 4", value: round(restart, 2), unit: "s", detail: `empty data directory: ${round(median(emptyRestarts) / 1000, 2)} s (ratio ${round(median(restarts) / median(emptyRestarts), 2)}); runs ${restarts.map((r) => round(r / 1000, 2)).join(", ")} s`, goal: goal("<=", 3, restart) },
          { name: "RSS after restart and warm reads", value: mb(warm.memory.rssBytes), unit: "MB", detail: `right after start ${mb(afterStart.memory.rssBytes)} MB; the seeding process peaked at ${mb(seeded.memory.rssBytes)} MB`, goal: goal("<=", 300, mb(warm.memory.rssBytes)) },
        ];
        for (const kind of KINDS) {
          const b = lat[kind].big;
          const sm = lat[kind].small;
          results.push({
            name: `latency: ${kind} (Digest, keep-alive), median / p95 / p99`,
            value: `${round(median(b), 2)} / ${round(percentile(b, 95), 2)} / ${round(percentile(b, 99), 2)}`,
            unit: "ms",
            detail: `one-project emulator: ${round(median(sm), 2)} / ${round(percentile(sm, 95), 2)} / ${round(percentile(sm, 99), 2)} ms; median ratio ${round(median(b) / median(sm), 2)}; ${SAMPLES} samples each, alternating`,
          });
        }
        results.push(
          { name: "project list, a page of 500 projects, median", value: round(median(pages), 2), unit: "ms" },
          { name: "list everything (GET /_emulator/objects, 100k endpoints)", value: round(listAllMs / 1000, 2), unit: "s", detail: `RSS afterwards ${mb(afterListing.memory.rssBytes)} MB` },
        );
        return results;
      } finally {
        await big.stop();
        await small.stop();
      }
    } finally {
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
      rmSync(emptyDir, { recursive: true, force: true });
    }
  },
};

export default bench;
