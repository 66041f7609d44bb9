/**
 * P1 — provider launch time. Terraform starts the provider 3× per plan and 4× per apply, so the
 * time from exec to a usable provider is its main cost. Measured side by side in one run,
 * alternating, against `node -e 0` (the floor any Node program pays):
 *   handshake   exec → handshake line on stdout (the metric; goal ≤ 1.25× node -e 0)
 *   first RPC   exec → GetProviderSchema answered over mutual TLS (what Terraform waits for)
 *   exit        exec → exited after GRPCController.Shutdown
 * The V8 code cache lives in the user's cache dir; the first launch after a build fills it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timeLaunch } from "@atlas-privatelink/e2e/harness/plugin-client.js";
import { providerBundle } from "@atlas-privatelink/e2e/harness/paths.js";
import { goal, median, round, type Benchmark, type BenchmarkResult } from "./stats.js";

const RUNS = Number(process.env["BENCH_LAUNCH_RUNS"] ?? 21);

function nodeBaseline(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

const bench: Benchmark = {
  id: "P1",
  title: "provider launch: exec → handshake / first RPC / exit, vs node -e 0",
  async run() {
    const cacheHome = mkdtempSync(join(tmpdir(), "bench-launch-cache-"));
    process.env["XDG_CACHE_HOME"] = cacheHome; // start cold, inherited by the launched providers
    try {
      const cold = await timeLaunch(providerBundle); // fills the code cache
      await timeLaunch(providerBundle); // warm-up
      const node: number[] = [];
      const handshake: number[] = [];
      const firstRpc: number[] = [];
      const exit: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        node.push(await nodeBaseline());
        const t = await timeLaunch(providerBundle);
        handshake.push(t.handshakeMs);
        firstRpc.push(t.firstRpcMs);
        exit.push(t.exitMs);
      }
      const n = median(node);
      const h = median(handshake);
      const results: BenchmarkResult[] = [
        { name: "node -e 0 (exec → exit), median", value: round(n, 1), unit: "ms" },
        { name: "provider exec → handshake, median", value: round(h, 1), unit: "ms" },
        { name: "ratio handshake / node -e 0", value: round(h / n, 2), goal: goal("<=", 1.25, h / n) },
        { name: "provider exec → first RPC answered (mTLS), median", value: round(median(firstRpc), 1), unit: "ms", detail: `ratio ${round(median(firstRpc) / n, 2)} × node -e 0` },
        { name: "provider exec → exit after Shutdown, median", value: round(median(exit), 1), unit: "ms" },
        { name: "first launch after build (cold code cache): handshake / first RPC", value: `${round(cold.handshakeMs, 1)} / ${round(cold.firstRpcMs, 1)}`, unit: "ms" },
        { name: "launches", value: RUNS },
      ];
      return results;
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  },
};

export default bench;
