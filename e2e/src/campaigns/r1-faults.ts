/**
 * R1 — fault campaign. Each run, from a fixed seed: a fresh emulator whose fault rules answer 10%
 * of Atlas API requests with a 5xx, 5% with 429 + Retry-After, reset 2% of connections before
 * handling them, and add random latency up to 500 ms; a lossy proxy in front of it also loses 1%
 * of the answers after the emulator handled the request. Terraform applies services on AWS,
 * Azure, GCP (legacy and port-mapped) with several endpoints, plans (must be empty, exit 0) and
 * destroys. Pass: every run converges, the emulator holds nothing afterwards, and at no point does
 * it hold an object that the Terraform state does not know — checked after every terraform
 * command (also a failed one), and through the emulator's event stream for objects created and
 * deleted within a step without ever being recorded.
 *
 * Re-runs: a failed `apply` / `destroy` / errored `plan` is re-run (at most twice), as a user
 * would after a transient error; every re-run is counted and reported with its error. A plan
 * that shows changes is never re-run: it fails the run.
 */
import type { EmulatorEvent } from "@atlas-privatelink/emulator";
import { startAtlasHarness, flat, type AtlasHarness } from "../harness/atlas.js";
import type { Workspace } from "../harness/terraform.js";
import { Verdict, type Campaign, type CampaignOptions, type CampaignResult } from "./campaign.js";
import { startLossyProxy, type LossyProxy } from "./lossy-proxy.js";
import { DEFAULT_SHAPE, multiCloudConfig, objectCount } from "./multi-cloud-config.js";
import { prng, subSeed } from "./prng.js";
import { compare, createdButUntracked, describeComparison, emulatorInventory, readState, stateInventory } from "./tracking.js";

export const FULL_RUNS = 20;
export const CI_RUNS = 2;
const MAX_RERUNS = 2;
const LOST_ANSWER_RATE = 0.01;
/** Lifecycle steps of the emulator (each timed status lasts this long). */
const STEP_MS = 200;

interface ErrorFault {
  readonly id: string;
  readonly rate: number;
  readonly error?: { status: number; errorCode: string; retryAfterSeconds?: number };
  readonly reset?: boolean;
}

/** The error-like faults with their overall rates; the first one that fires wins. */
export const ERROR_FAULTS: readonly ErrorFault[] = [
  { id: "http-500", rate: 0.03, error: { status: 500, errorCode: "UNEXPECTED_ERROR" } },
  { id: "http-502", rate: 0.02, error: { status: 502, errorCode: "BAD_GATEWAY" } },
  { id: "http-503", rate: 0.03, error: { status: 503, errorCode: "SERVICE_UNAVAILABLE", retryAfterSeconds: 1 } },
  { id: "http-504", rate: 0.02, error: { status: 504, errorCode: "GATEWAY_TIMEOUT" } },
  { id: "http-429", rate: 0.05, error: { status: 429, errorCode: "RATE_LIMITED", retryAfterSeconds: 1 } },
  { id: "reset", rate: 0.02, reset: true },
];

/**
 * The emulator's fault rules. Each rule rolls independently and the first error or reset wins,
 * so rule i fires with probability rate_i / (1 - Σ earlier rates) to make its overall rate exact.
 * Latency: five rules of 100 ms, each with probability 0.3 (0–500 ms, mean 150 ms), which add up.
 */
export function faultRules(): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [];
  let before = 0;
  for (const f of ERROR_FAULTS) {
    rules.push({ id: f.id, path: "/api/**", probability: f.rate / (1 - before), ...(f.error ? { error: f.error } : {}), ...(f.reset ? { reset: true } : {}) });
    before += f.rate;
  }
  for (let i = 1; i <= 5; i++) rules.push({ id: `latency-${i}`, path: "/api/**", probability: 0.3, latencyMs: 100 });
  return rules;
}

export interface StepRecord {
  readonly command: string;
  readonly attempts: number;
  readonly ok: boolean;
  readonly errors: string[];
  readonly ms: number;
}

export interface FaultRunResult {
  readonly seed: number;
  readonly converged: boolean;
  readonly steps: StepRecord[];
  readonly requests: number;
  readonly faultsFired: Record<string, number>;
  readonly answersLost: number;
  readonly transient: string[];
  readonly ms: number;
}

/** Terraform's error blocks, flattened (what a user would read). */
export function errorSummary(output: string): string {
  const blocks = output
    .split(/\n(?=│ Error: |Error: )/)
    .filter((b) => /^(│ )?Error: /.test(b))
    .map((b) => flat(b.split("╵")[0]!.replace(/│/g, " ")).trim());
  return (blocks.length ? blocks.join(" / ") : flat(output)).slice(0, 1500);
}

export async function faultRun(seed: number, v: Verdict, log: (line: string) => void): Promise<FaultRunResult> {
  const started = Date.now();
  const h: AtlasHarness = await startAtlasHarness({ random: prng(seed), stepMs: STEP_MS, requestLogSize: 100_000 });
  let proxy: LossyProxy | undefined;
  const events: EmulatorEvent[] = [];
  const off = h.emu.events.subscribe((e) => events.push(e));
  const steps: StepRecord[] = [];
  const transient: string[] = [];
  let converged = true;
  try {
    proxy = await startLossyProxy(h.emu.url, LOST_ANSWER_RATE, prng(subSeed(seed, 1)));
    await h.control("PUT", "/faults", { rules: faultRules() });
    const ws: Workspace = h.workspace(`r1-seed-${seed}`, { MONGODB_ATLAS_BASE_URL: proxy.url });
    ws.write("main.tf", multiCloudConfig(h.projectId));
    const where = (command: string, attempt: number) => `seed ${seed}, ${command} attempt ${attempt}`;

    /** After every terraform command: nothing held that the state does not know. */
    const checkTracked = async (command: string, attempt: number, stepEvents: EmulatorEvent[], final: boolean) => {
      const held = emulatorInventory(await h.control("GET", "/objects"));
      const tracked = stateInventory(await readState(ws.dir));
      const c = compare(held, tracked);
      v.check(c.untracked.length === 0 && c.duplicates.length === 0, () => `${where(command, attempt)}: ${describeComparison(c)}`);
      if (final) v.check(c.lost.length === 0, () => `${where(command, attempt)}: ${describeComparison(c)}`);
      const created = createdButUntracked(stepEvents, tracked);
      v.check(created.orphaned.length === 0, () => `${where(command, attempt)}: created during the step and not in state: ${created.orphaned.join(", ")}`);
      // Created and deleted again without ever being recorded: an orphan that happened to be
      // cleaned up. Reported (and failed): the user would never have known of it.
      v.check(created.transient.length === 0, () => `${where(command, attempt)}: created and deleted within the step without being recorded: ${created.transient.join(", ")}`);
      transient.push(...created.transient);
      return held;
    };

    const run = async (command: string, args: string[], ok: (code: number | null) => boolean, rerunnable: (code: number | null) => boolean) => {
      const t0 = Date.now();
      const errors: string[] = [];
      for (let attempt = 1; attempt <= 1 + MAX_RERUNS; attempt++) {
        const from = events.length;
        const r = await ws.tf(args, { expect: "any", timeoutMs: 600_000 });
        const succeeded = ok(r.code);
        const held = await checkTracked(command, attempt, events.slice(from), succeeded);
        if (succeeded) {
          steps.push({ command, attempts: attempt, ok: true, errors, ms: Date.now() - t0 });
          return { r, held };
        }
        errors.push(`exit ${r.code}: ${errorSummary(r.stderr + r.stdout)}`);
        log(`  seed ${seed}: ${command} attempt ${attempt} failed (exit ${r.code}): ${errorSummary(r.stderr)}`);
        if (!rerunnable(r.code)) break;
      }
      steps.push({ command, attempts: errors.length, ok: false, errors, ms: Date.now() - t0 });
      converged = false;
      return undefined;
    };

    const applied = await run("apply", ["apply", "-auto-approve"], (c) => c === 0, () => true);
    if (applied) {
      const want = objectCount(DEFAULT_SHAPE);
      v.check(applied.held.services.length === want.services && applied.held.endpoints.length === want.endpoints, () => `seed ${seed}: after apply the emulator holds ${applied.held.services.length} services and ${applied.held.endpoints.length} endpoints; expected ${want.services} and ${want.endpoints}`);
      // exit 0 = no changes; 2 = changes (a real failure, never re-run); 1 = an error (re-run)
      await run("plan", ["plan", "-detailed-exitcode"], (c) => c === 0, (c) => c === 1);
    }
    const destroyed = await run("destroy", ["destroy", "-auto-approve"], (c) => c === 0, () => true);
    if (destroyed) {
      const held = await h.held();
      v.check(held.endpointServices === 0 && held.privateEndpoints === 0, () => `seed ${seed}: after destroy the emulator still holds ${JSON.stringify(held)}`);
      const left = stateInventory(await readState(ws.dir));
      v.check(left.services.length + left.endpoints.length === 0, () => `seed ${seed}: after destroy the state still records ${[...left.services, ...left.endpoints].join(", ")}`);
    }
    for (const s of steps) v.check(s.ok, () => `seed ${seed}: ${s.command} did not succeed in ${s.attempts} attempts: ${s.errors.join(" | ")}`);
    const faults = await h.control<{ rules: { id: string; fired: number }[] }>("GET", "/faults");
    const faultsFired: Record<string, number> = {};
    for (const r of faults.rules) {
      const key = r.id.startsWith("latency") ? "latency" : r.id;
      faultsFired[key] = (faultsFired[key] ?? 0) + r.fired;
    }
    const requests = (await h.control<{ requests: unknown[] }>("GET", "/requests?limit=100000")).requests.length;
    return { seed, converged, steps, requests, faultsFired, answersLost: proxy.dropped.length, transient, ms: Date.now() - started };
  } finally {
    off();
    await proxy?.close();
    await h.close();
  }
}

export const faultCampaign: Campaign = {
  id: "R1",
  title: "fault campaign: 10% 5xx, 5% 429 + Retry-After, 2% resets, 0–500 ms latency (+1% lost answers); apply, empty plan, destroy",
  async run(options: CampaignOptions): Promise<CampaignResult> {
    const log = options.log ?? (() => {});
    const runs = options.runs ?? (options.scale === "full" ? FULL_RUNS : CI_RUNS);
    const base = options.seed ?? 1;
    const v = new Verdict(this.id, this.title);
    const results: FaultRunResult[] = [];
    for (let i = 0; i < runs; i++) {
      const seed = base + i;
      const r = await faultRun(seed, v, log);
      results.push(r);
      const reruns = r.steps.reduce((n, s) => n + (s.ok ? s.attempts - 1 : s.attempts), 0);
      log(`R1 run ${i + 1}/${runs} (seed ${seed}): ${r.converged ? "converged" : "FAILED"} in ${(r.ms / 1000).toFixed(1)} s; ${r.requests} API requests, faults ${JSON.stringify(r.faultsFired)}, ${r.answersLost} answers lost; re-runs ${reruns}`);
    }
    const converged = results.filter((r) => r.converged).length;
    const firstTry = results.filter((r) => r.steps.every((s) => s.ok && s.attempts === 1)).length;
    const total = (k: string) => results.reduce((n, r) => n + (r.faultsFired[k] ?? 0), 0);
    const requests = results.reduce((n, r) => n + r.requests, 0);
    v.figure("runs converged (apply, empty plan, destroy, nothing left)", `${converged}/${runs}`, `seeds ${base}–${base + runs - 1}`);
    v.figure("runs where every command succeeded the first time", `${firstTry}/${runs}`);
    const reruns = results.flatMap((r) => r.steps.filter((s) => s.errors.length > 0).map((s) => `seed ${r.seed} ${s.command}: ${s.errors.map((e) => e.slice(0, 160)).join(" | ")}`));
    v.figure("re-runs (as a user would re-run after a transient error)", reruns.length, reruns.join("; ") || "none");
    v.figure("Atlas API requests in total", requests, `5xx ${["http-500", "http-502", "http-503", "http-504"].map(total).reduce((a, b) => a + b, 0)}, 429 ${total("http-429")}, resets ${total("reset")}, delayed ${total("latency")}, answers lost after handling ${results.reduce((n, r) => n + r.answersLost, 0)}`);
    v.figure("objects created and deleted within a step without being recorded", results.reduce((n, r) => n + r.transient.length, 0));
    v.figure("median run time", `${(median(results.map((r) => r.ms)) / 1000).toFixed(1)} s`);
    return v.result();
  },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
