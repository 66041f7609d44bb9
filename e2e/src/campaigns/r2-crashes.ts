/**
 * R2 — crashes.
 *
 * kill -9: the emulator CLI (data directory, fixed port and credentials) is killed with SIGKILL at
 * a seeded moment of an apply of the multi-cloud configuration and started again on the same
 * directory after a seeded down time (short ones the client's retries ride out, long ones that
 * fail the apply). The apply is re-run if it failed, as a user would. Pass: it converges (plan
 * empty) with nothing lost (every object in state is held) or duplicated (nothing held twice,
 * nothing held that state does not know), and destroy leaves nothing.
 *
 * SIGINT: Terraform is interrupted (Ctrl-C) at a seeded moment of the apply; in some runs every
 * create request is delayed by the emulator so the interrupt lands while creates are in flight
 * (the emulator, like Atlas, still carries out a request whose client went away). Pass: when the
 * interrupted apply has exited and Atlas has finished what it accepted, the state records every
 * object the emulator holds; the next apply converges; destroy leaves nothing.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Workspace } from "../harness/terraform.js";
import { CliEmulator, freePort } from "../harness/emulator-process.js";
import { Verdict, type Campaign, type CampaignOptions, type CampaignResult } from "./campaign.js";
import { DEFAULT_SHAPE, multiCloudConfig, objectCount } from "./multi-cloud-config.js";
import { prng } from "./prng.js";
import { errorSummary } from "./r1-faults.js";
import { compare, describeComparison, emulatorInventory, readState, stateInventory } from "./tracking.js";
import { ProviderWorkspaces } from "./workspaces.js";

const PROJECT_ID = "6c0ffee0c0ffee0c0ffee0c0";
const PUBLIC_KEY = "r2-campaign";
/** Each lifecycle step takes this long, so the apply lasts a few seconds: room to hit. */
const PROFILE = JSON.stringify({ base: "fast", transitions: { "*.*.*": 700 } });
const CREATE_DELAY_MS = 1500;
const MAX_APPLIES = 3;

export interface CrashPlan {
  readonly kind: "kill" | "interrupt";
  /** What starts the clock: Terraform's first "Creating..." of a service, or of an endpoint. */
  readonly trigger: "service" | "endpoint";
  /** Delay after the trigger. */
  readonly atMs: number;
  /** kill: how long the emulator stays down. */
  readonly downMs?: number;
  /** Delay every create request by CREATE_DELAY_MS (creates in flight when the blow lands). */
  readonly slowCreates: boolean;
}

/** Seeded plans whose blows land while the apply runs: on services being created (0–1.2 s after
 * the first one is requested) or on endpoints (0–1.5 s after the first one is requested). */
export function crashPlans(count: number, seed: number, kind: "kill" | "interrupt"): CrashPlan[] {
  const r = prng(seed);
  const downs = [1_000, 4_000, 25_000];
  return Array.from({ length: count }, (_, i) => {
    const trigger = i % 2 === 0 ? "service" : "endpoint";
    return {
      kind,
      trigger,
      atMs: Math.round(r() * (trigger === "service" ? 1_200 : 1_500)),
      ...(kind === "kill" ? { downMs: downs[i % downs.length]! } : {}),
      slowCreates: i % 4 >= 2,
    } satisfies CrashPlan;
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CrashRunResult {
  readonly plan: CrashPlan;
  readonly applies: number;
  readonly firstApplyExit: number | null;
  readonly heldAtBlow: string;
  readonly converged: boolean;
  readonly notes: string[];
  readonly landedMidApply: boolean;
}

export async function crashRun(plan: CrashPlan, label: string, tf: ProviderWorkspaces, v: Verdict, log: (line: string) => void): Promise<CrashRunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "r2-data-"));
  const port = await freePort();
  const privateKey = randomBytes(16).toString("hex");
  const options = { dataDir, port, publicKey: PUBLIC_KEY, privateKey, projectId: PROJECT_ID, profile: PROFILE, args: ["--log-level", "warn"] };
  let emu = await CliEmulator.start(options);
  const notes: string[] = [];
  let heldAtBlow = "";
  let converged = false;
  let applies = 0;
  let firstApplyExit: number | null = null;
  try {
    if (plan.slowCreates) {
      for (const operation of ["createPrivateEndpointService", "createPrivateEndpoint"]) await emu.control("POST", "/faults", { id: `slow-${operation}`, operation, latencyMs: CREATE_DELAY_MS });
    }
    const ws: Workspace = tf.workspace(`r2-${plan.kind}`, emu.url, PUBLIC_KEY, privateKey);
    ws.write("main.tf", multiCloudConfig(PROJECT_ID));
    const want = objectCount(DEFAULT_SHAPE);
    const inventory = async () => compare(emulatorInventory(await emu.control("GET", "/objects")), stateInventory(await readState(ws.dir)));

    // The first apply, with the blow.
    let blow: Promise<void> | undefined;
    let exited = false;
    let landedMidApply = false;
    const trigger = plan.trigger === "service" ? /mongodbatlas_privatelink_endpoint\.\w+: Creating\.\.\./ : /mongodbatlas_privatelink_endpoint_service\.\w+\[\d+\]: Creating\.\.\./;
    const first = await ws.tf(["apply", "-auto-approve"], {
      expect: "any",
      timeoutMs: 600_000,
      onOutput: (chunk, interrupt) => {
        if (blow || !trigger.test(chunk)) return;
        blow = (async () => {
          await sleep(plan.atMs);
          landedMidApply = !exited;
          if (plan.kind === "interrupt") {
            try {
              interrupt();
            } catch {
              // terraform had already finished
            }
            return;
          }
          const held = emulatorInventory(await emu.control("GET", "/objects"));
          heldAtBlow = `${held.services.length} services, ${held.endpoints.length} endpoints`;
          await emu.kill9();
          await sleep(plan.downMs ?? 0);
          emu = await CliEmulator.start(options);
        })();
      },
    });
    exited = true;
    await blow;
    applies++;
    firstApplyExit = first.code;
    v.check(blow !== undefined, () => `${label}: the blow was never delivered (no ${plan.trigger} "Creating..." seen)`);
    // A blow after Terraform finished tests nothing: the plans are timed to land mid-apply.
    v.check(landedMidApply, () => `${label}: the ${plan.kind} landed after the apply had finished (${plan.trigger} + ${plan.atMs} ms)`);
    if (plan.kind === "interrupt") {
      // Atlas finishes what it accepted even after Terraform went away.
      await sleep(plan.slowCreates ? CREATE_DELAY_MS + 500 : 300);
      const held = emulatorInventory(await emu.control("GET", "/objects"));
      heldAtBlow = `${held.services.length} services, ${held.endpoints.length} endpoints held after the interrupted apply`;
      const c = await inventory();
      v.check(c.untracked.length === 0, () => `${label}: after the interrupted apply (exit ${first.code}), ${describeComparison(c)}\n${errorSummary(first.stderr)}`);
      v.check(c.duplicates.length === 0, () => `${label}: ${describeComparison(c)}`);
    } else {
      const c = await inventory();
      v.check(c.duplicates.length === 0 && c.untracked.length === 0, () => `${label}: after the first apply (exit ${first.code}), ${describeComparison(c)}\n${errorSummary(first.stderr)}`);
    }
    if (first.code !== 0) notes.push(`first apply exit ${first.code}: ${errorSummary(first.stderr).slice(0, 400)}`);

    // Re-run as a user would, until it succeeds (bounded).
    let last = first;
    while (last.code !== 0 && applies < MAX_APPLIES) {
      last = await ws.tf(["apply", "-auto-approve"], { expect: "any", timeoutMs: 600_000 });
      applies++;
      const c = await inventory();
      v.check(c.untracked.length === 0 && c.duplicates.length === 0, () => `${label}: after apply #${applies} (exit ${last.code}), ${describeComparison(c)}`);
      if (last.code !== 0) notes.push(`apply #${applies} exit ${last.code}: ${errorSummary(last.stderr).slice(0, 400)}`);
    }
    v.check(last.code === 0, () => `${label}: the apply did not converge in ${applies} applies: ${notes.join(" | ")}`);
    if (last.code === 0) {
      const plan2 = await ws.tf(["plan", "-detailed-exitcode"], { expect: "any" });
      v.check(plan2.code === 0, () => `${label}: plan after convergence exited ${plan2.code}: ${errorSummary(plan2.stdout + plan2.stderr)}`);
      const c = await inventory();
      v.check(c.untracked.length + c.lost.length + c.duplicates.length === 0, () => `${label}: after convergence, ${describeComparison(c)}`);
      const held = emulatorInventory(await emu.control("GET", "/objects"));
      v.check(held.services.length === want.services && held.endpoints.length === want.endpoints, () => `${label}: holds ${held.services.length} services / ${held.endpoints.length} endpoints, expected ${want.services} / ${want.endpoints}`);
      converged = plan2.code === 0 && c.untracked.length + c.lost.length + c.duplicates.length === 0;
    }
    const destroy = await ws.tf(["destroy", "-auto-approve"], { expect: "any", timeoutMs: 600_000 });
    v.check(destroy.code === 0, () => `${label}: destroy exited ${destroy.code}: ${errorSummary(destroy.stderr)}`);
    const end = emulatorInventory(await emu.control("GET", "/objects"));
    v.check(end.services.length + end.endpoints.length === 0, () => `${label}: after destroy the emulator holds ${[...end.services, ...end.endpoints].join(", ")}`);
    log(`${label}: ${plan.kind} ${plan.atMs} ms after the first ${plan.trigger} "Creating..."${plan.downMs !== undefined ? `, down ${plan.downMs} ms` : ""}${plan.slowCreates ? ", creates delayed" : ""}; held at the blow: ${heldAtBlow}; first apply exit ${firstApplyExit}; ${applies} applies; ${converged ? "converged" : "NOT converged"}`);
    return { plan, applies, firstApplyExit, heldAtBlow, converged, notes, landedMidApply };
  } finally {
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const FULL_KILLS = 9;
export const FULL_INTERRUPTS = 6;

export const crashCampaign: Campaign = {
  id: "R2",
  title: "crashes: kill -9 of the emulator mid-apply (restart on the same data dir), SIGINT to terraform mid-apply",
  async run(options: CampaignOptions): Promise<CampaignResult> {
    const log = options.log ?? (() => {});
    const v = new Verdict(this.id, this.title);
    const seed = options.seed ?? 7;
    const kills = options.runs ?? (options.scale === "full" ? FULL_KILLS : 1);
    const interrupts = options.runs ?? (options.scale === "full" ? FULL_INTERRUPTS : 1);
    const plans = [...crashPlans(kills, seed, "kill"), ...crashPlans(interrupts, seed + 1000, "interrupt")];
    if (options.scale === "ci" && options.runs === undefined) {
      // the small version: one kill the retries ride out, one interrupt with creates in flight
      plans.splice(0, plans.length, { kind: "kill", trigger: "endpoint", atMs: 300, downMs: 2_000, slowCreates: true }, { kind: "interrupt", trigger: "service", atMs: 500, slowCreates: true });
    }
    const tf = new ProviderWorkspaces();
    const results: CrashRunResult[] = [];
    try {
      for (const [i, plan] of plans.entries()) results.push(await crashRun(plan, `R2 run ${i + 1}/${plans.length} (${plan.kind})`, tf, v, log));
    } finally {
      tf.close();
    }
    for (const kind of ["kill", "interrupt"] as const) {
      const rs = results.filter((r) => r.plan.kind === kind);
      if (rs.length === 0) continue;
      v.figure(
        kind === "kill" ? "kill -9 runs converged, nothing lost or duplicated" : "SIGINT runs: state recorded everything Atlas accepted, next apply converged",
        `${rs.filter((r) => r.converged).length}/${rs.length}`,
        rs.map((r) => `${r.plan.trigger} +${r.plan.atMs} ms${r.plan.downMs !== undefined ? `/down ${r.plan.downMs / 1000} s` : ""}${r.plan.slowCreates ? "/slow creates" : ""}: exit ${r.firstApplyExit}, ${r.applies} appl${r.applies === 1 ? "y" : "ies"}`).join("; "),
      );
    }
    return v.result();
  },
};
