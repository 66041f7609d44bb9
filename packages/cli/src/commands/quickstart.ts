/**
 * `npm start` / `atlas-privatelink quickstart`: the seed documents' AWS example, end to end, on
 * the embedded emulator. Starts the emulator (in memory, fast profile, loopback, free port) with
 * a strict simulated AWS in which it registers the VPC endpoint the seed's `aws_vpc_endpoint`
 * would create; makes Terraform use this provider (a local filesystem mirror); applies
 * examples/quickstart while showing Atlas' status changes; prints the outputs; shows that a plan
 * has no changes; destroys; and checks the emulator holds nothing. `--keep` stops after the plan
 * and leaves the emulator running for you. The temporary workspace is removed when the run
 * succeeds (with --keep: when it is stopped), and kept for inspection when it fails.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startEmulator, type EmulatorEvent, type RunningEmulator } from "@atlas-privatelink/emulator";
import type { Io } from "../io.js";
import { examplesDir, providerExecutable, selfCommand, shellQuote } from "../paths.js";
import { findTerraform, installMirror, mirrorCliConfig, removeConnection, terraformEnv, writeConnection } from "../terraform-env.js";

export const QUICKSTART_USAGE = `Usage: npm start [-- --keep] [--verbose]   (or: atlas-privatelink quickstart [--keep] [--verbose])

Runs the seed AWS example (an endpoint service and an interface endpoint linked to it) against
the embedded Atlas emulator: init, apply (showing Atlas' status changes), outputs, a plan with no
changes, destroy.
  --keep     stop after the plan; leave the emulator running and print how to use it
             (Ctrl-C stops it and removes the workspace)
  --verbose  show terraform's own output
`;

interface Step {
  readonly name: string;
  readonly ms: number;
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function runCaptured(args: string[], env: NodeJS.ProcessEnv, cwd: string, onLine: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(findTerraform(env), args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    createInterface({ input: child.stdout! }).on("line", onLine);
    createInterface({ input: child.stderr! }).on("line", onLine);
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

function describeObject(e: Exclude<EmulatorEvent, { type: "reset" }>): string {
  const o = e.object;
  const short = (id: string) => (id.length > 28 ? `${id.slice(0, 12)}…${id.slice(-12)}` : id);
  return o.type === "endpointService" ? `endpoint service ${short(o.id)} (${o.provider})` : `endpoint ${short(o.id)} (${o.provider})`;
}

export async function quickstart(args: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const keep = args.includes("--keep");
  const verbose = args.includes("--verbose");
  if (args.includes("--help") || args.includes("-h")) {
    io.out(QUICKSTART_USAGE);
    return 0;
  }
  const unknown = args.filter((a) => !["--keep", "--verbose"].includes(a));
  if (unknown.length) {
    io.err(`quickstart: unknown argument ${JSON.stringify(unknown[0])}\n\n${QUICKSTART_USAGE}`);
    return 2;
  }
  try {
    findTerraform(env);
    providerExecutable();
  } catch (error) {
    io.err(`quickstart: ${(error as Error).message}\n`);
    return 1;
  }

  const started = Date.now();
  const steps: Step[] = [];
  const emu: RunningEmulator = await startEmulator({ profile: "fast", strictCloud: true, logger: false });
  let dir: string | undefined;
  let succeeded = false;
  try {
    const vpce = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;
    const reg = await fetch(`${emu.url}/_emulator/cloud/aws/endpoints`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: vpce }) });
    if (!reg.ok) throw new Error(`registering the simulated VPC endpoint failed: HTTP ${reg.status} ${await reg.text()}`);

    dir = mkdtempSync(join(tmpdir(), "atlas-privatelink-quickstart-"));
    const source = join(examplesDir(), "quickstart");
    for (const f of readdirSync(source)) if (f.endsWith(".tf")) copyFileSync(join(source, f), join(dir, f));
    // The variables live in the workspace, so terraform run there later (--keep) needs none.
    writeFileSync(join(dir, "terraform.tfvars"), `project_id      = ${JSON.stringify(emu.bootstrap.projectId)}\nvpc_endpoint_id = ${JSON.stringify(vpce)}\n`);
    const mirror = join(dir, ".provider-mirror");
    mkdirSync(mirror);
    installMirror(mirror);
    writeFileSync(join(dir, ".terraformrc"), mirrorCliConfig(mirror));
    const tfEnv: NodeJS.ProcessEnv = {
      ...terraformEnv({ ...emu.bootstrap, url: emu.url }, join(dir, ".terraformrc"), env),
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      TF_CLI_ARGS: "-no-color",
    };

    io.out(
      `atlas-privatelink quick start: the seed AWS example on the local Atlas emulator\n` +
        `  emulator   ${emu.url}  (fast profile: about 1 s per status step)\n` +
        `  project    ${emu.bootstrap.projectId}\n` +
        `  simulated  AWS VPC endpoint ${vpce} (stands in for the seed's aws_vpc_endpoint)\n` +
        `  workspace  ${dir}\n\n`,
    );

    let phaseStart = Date.now();
    const lifecycle = new Map<string, { created: number; ready?: number; label: string }>();
    const unsubscribe = emu.events.subscribe((e) => {
      if (e.type === "reset") return;
      const t = Date.now();
      const key = `${e.object.type}:${e.object.id}`;
      if (e.type === "created") lifecycle.set(key, { created: t, label: describeObject(e) });
      if (e.type === "transition" && e.to === "AVAILABLE") {
        const l = lifecycle.get(key);
        if (l && l.ready === undefined) l.ready = t;
      }
      const line =
        e.type === "created"
          ? `${describeObject(e)} created: ${e.status ?? ""}`
          : e.type === "transition"
            ? `${describeObject(e)}: ${e.from} → ${e.to}${e.errorMessage ? ` (${e.errorMessage})` : ""}`
            : e.type === "deleted"
              ? `${describeObject(e)} deleted`
              : undefined;
      if (line) io.out(`  ${fmt(t - phaseStart).padStart(7)}  Atlas      ${line}\n`);
    });
    const show = (line: string) => {
      if (verbose) io.out(`            terraform  ${line}\n`);
      else if (/: (Creating|Creation complete|Still creating|Destroying|Destruction complete|Still destroying)|^Error|Apply complete|Destroy complete/.test(line)) {
        io.out(`  ${fmt(Date.now() - phaseStart).padStart(7)}  terraform  ${line.replace(/ \[id=[^\]]{40,}\]/, "")}\n`);
      }
    };
    const collected: string[] = [];
    const cwd = dir;
    const step = async (name: string, tfArgs: string[], okCodes = [0]): Promise<number> => {
      phaseStart = Date.now();
      collected.length = 0;
      io.out(`terraform ${name}\n`);
      const code = await runCaptured(tfArgs, tfEnv, cwd, (l) => {
        collected.push(l);
        show(l);
      });
      const ms = Date.now() - phaseStart;
      steps.push({ name: `terraform ${name}`, ms });
      if (!okCodes.includes(code)) {
        io.err(`\nterraform ${tfArgs.join(" ")} failed (exit ${code}):\n${collected.join("\n")}\n`);
        throw new QuickstartFailure(`terraform ${name} failed`);
      }
      io.out(`  done in ${fmt(ms)}\n\n`);
      return code;
    };

    await step("init", ["init"]);
    await step("apply", ["apply", "-auto-approve"]);
    const outputsRaw: string[] = [];
    await runCaptured(["output", "-json"], tfEnv, cwd, (l) => outputsRaw.push(l));
    const outputs = JSON.parse(outputsRaw.join("\n") || "{}") as Record<string, { value: unknown }>;
    io.out("outputs\n");
    for (const [k, v] of Object.entries(outputs)) io.out(`  ${k.padEnd(24)} = ${JSON.stringify(v.value)}\n`);
    io.out("\n");
    const planCode = await step("plan -detailed-exitcode", ["plan", "-detailed-exitcode"], [0, 2]);
    if (planCode !== 0) {
      io.err(`\nThe plan after apply is not empty:\n${collected.join("\n")}\n`);
      throw new QuickstartFailure("the plan after apply has changes");
    }
    io.out("  No changes: the configuration matches Atlas.\n\n");

    const ready = [...lifecycle.values()].filter((l) => l.ready !== undefined);
    const atlasMs = ready.reduce((sum, l) => sum + (l.ready! - l.created), 0);

    if (keep) {
      unsubscribe();
      writeConnection({ url: emu.url, projectId: emu.bootstrap.projectId, orgId: emu.bootstrap.orgId, publicKey: emu.bootstrap.publicKey, privateKey: emu.bootstrap.privateKey, pid: process.pid, startedAt: new Date().toISOString() }, env);
      const cli = selfCommand();
      io.out(
        `Kept running (Ctrl-C to stop: the emulator's data and this workspace are removed):\n` +
          `  emulator     ${emu.url}\n` +
          `  console      ${emu.consoleLoginUrl() ?? `${emu.url}/console`}   (one-time login link)\n` +
          `  public key   ${emu.bootstrap.publicKey}\n` +
          `  private key  ${emu.bootstrap.privateKey}\n` +
          `  project      ${emu.bootstrap.projectId}\n\n` +
          `In another shell:\n` +
          `  cd ${shellQuote(dir)}\n` +
          `  ${cli} terraform plan       # terraform, pointed at this emulator (variables: terraform.tfvars)\n` +
          `  ${cli} watch                # live statuses\n` +
          `or set it up yourself:\n` +
          `  export MONGODB_ATLAS_BASE_URL=${emu.url} MONGODB_ATLAS_PUBLIC_KEY=${emu.bootstrap.publicKey} MONGODB_ATLAS_PRIVATE_KEY=${shellQuote(emu.bootstrap.privateKey)}\n` +
          `  export TF_CLI_CONFIG_FILE=${shellQuote(join(dir, ".terraformrc"))}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      removeConnection(process.pid, env);
      succeeded = true;
      return 0;
    }

    await step("destroy", ["destroy", "-auto-approve"]);
    unsubscribe();
    const held = (await (await fetch(`${emu.url}/_emulator/objects?counts=only`)).json()) as { counts: { endpointServices: number; privateEndpoints: number } };
    if (held.counts.endpointServices !== 0 || held.counts.privateEndpoints !== 0) {
      throw new QuickstartFailure(`the emulator still holds ${held.counts.endpointServices} services and ${held.counts.privateEndpoints} endpoints after destroy`);
    }
    const apply = steps.find((s) => s.name === "terraform apply")!.ms;
    io.out(
      `Done in ${fmt(Date.now() - started)}; the emulator holds nothing.\n` +
        steps.map((s) => `  ${s.name.padEnd(34)} ${fmt(s.ms)}`).join("\n") +
        `\n  ${"Atlas lifecycle (created objects)".padEnd(34)} ${fmt(atlasMs)}: ${ready.map((l) => `${l.label} ${fmt(l.ready! - l.created)}`).join(", ")}\n` +
        `  ${"apply / lifecycle".padEnd(34)} ${(apply / Math.max(1, atlasMs)).toFixed(2)}×\n`,
    );
    succeeded = true;
    return 0;
  } catch (error) {
    if (error instanceof QuickstartFailure) {
      io.err(`quickstart: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await emu.close();
    if (dir !== undefined) {
      if (succeeded) rmSync(dir, { recursive: true, force: true });
      else io.err(`quickstart: the workspace is kept for inspection: ${dir}\n`);
    }
  }
}

class QuickstartFailure extends Error {}
