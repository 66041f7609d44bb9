/**
 * P4 — emulator throughput (docs/benchmarks.md): GET of one endpoint service with Digest auth
 * over keep-alive, against a bare node:http server answering the same JSON — both in child
 * processes, same load generator, same run, alternating rounds; the figure is the ratio of
 * requests per second (goal ≥ 0.5). The 100k-endpoint figures moved to scale.bench.ts (P5).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { Agent } from "node:http";
import { createInterface } from "node:readline";
import { DigestSigner } from "@atlas-privatelink/e2e/harness/digest.js";
import { CliEmulator } from "@atlas-privatelink/e2e/harness/emulator-process.js";
import { ACCEPT, digestCall, send } from "./emulator-cli.js";
import { goal, median, round, type Benchmark } from "./stats.js";

const CONCURRENCY = 16;
const ROUND_MS = 2_000;
const ROUNDS = 3;
/** Authorization headers computed per client before each timed round: enough for ROUND_MS at
 * 64k req/s in total (more would only feed the load generator's garbage collector). */
const PREPARED_PER_CLIENT = 8_000;

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

function stopBare(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
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
  const emu = await CliEmulator.start({ profile: "instant", args: ["--rate-limit", "off", "--log-level", logLevel], stderr: "ignore" });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const boot = new DigestSigner(emu.ready.publicKey, emu.ready.privateKey!);
  const created = await digestCall(boot, agent, emu.ready.url, "POST", `/api/atlas/v2/groups/${emu.ready.projectId}/privateEndpoint/endpointService`, { providerName: "AWS", region: "us-east-1" });
  const id = (JSON.parse(created.body) as { id: string }).id;
  const path = `/api/atlas/v2/groups/${emu.ready.projectId}/privateEndpoint/AWS/endpointService/${id}`;
  const sample = await digestCall(boot, agent, emu.ready.url, "GET", path);
  if (sample.status !== 200) throw new Error(`GET answered ${sample.status}: ${sample.body}`);
  const bare = await startBare(sample.body, String(sample.headers["content-type"]));
  const bareAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const clients = Array.from({ length: CONCURRENCY }, () => new DigestSigner(emu.ready.publicKey, emu.ready.privateKey!));
  let prepared: string[][] = [];
  const prepare = async () => {
    // Each client learns its own nonce, then its next Authorization headers are precomputed.
    for (const c of clients) await digestCall(c, agent, emu.ready.url, "GET", path);
    // Reversed so that pop() hands them out in increasing nc order.
    prepared = clients.map((c) => Array.from({ length: PREPARED_PER_CLIENT }, () => c.header("GET", path)).reverse());
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
    await emu.stop();
    await stopBare(bare.child);
  }
}

const benchmark: Benchmark = {
  id: "P4",
  title: "emulator throughput: Digest GET vs bare node:http (child processes, alternating rounds)",
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
    ];
  },
};

export default benchmark;
