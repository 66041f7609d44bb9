/**
 * CPU accounting for benchmarks that run Terraform: the CPU time of waited-for children (Terraform
 * and the providers it launched and reaped) from /proc/self/stat, and a probe that records the
 * CPU of each provider launch by wrapping the provider executable of a dev_overrides workspace.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Workspace } from "@atlas-privatelink/e2e/harness/terraform.js";

const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** CPU ms (user + system) of all waited-for children of this process so far (Linux). */
export function childrenCpuMs(): number {
  // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

export interface ProviderCpuProbe {
  /** CPU ms of each provider launch since the last call, in launch order. */
  take(): number[];
  remove(): void;
}

/**
 * Wraps the workspace's dev_overrides provider executable in a shell script that runs it (not
 * exec) and appends the shell's `times` (the child's CPU) to a file. The wrapper adds a process,
 * so use it for CPU figures, not for timed runs.
 */
export function probeProviderCpu(ws: Workspace): ProviderCpuProbe {
  const cliConfig = readFileSync(ws.env["TF_CLI_CONFIG_FILE"]!, "utf8");
  const root = /dev_overrides\s*\{\s*"[^"]+"\s*=\s*"([^"]+)"/.exec(cliConfig)?.[1];
  if (!root) throw new Error("probeProviderCpu: the workspace does not install the provider with dev_overrides");
  const exe = join(root, "terraform-provider-mongodbatlas");
  const real = `${exe}.measured`;
  const log = join(root, "cpu-times.log");
  renameSync(exe, real);
  writeFileSync(exe, `#!/bin/sh\n${JSON.stringify(real)} "$@"\nrc=$?\ntimes >> ${JSON.stringify(log)}\nexit $rc\n`, { mode: 0o755 });
  return {
    take() {
      if (!existsSync(log)) return [];
      const text = readFileSync(log, "utf8");
      rmSync(log);
      // `times` prints two lines: the shell's own user/system time, then its children's.
      const lines = text.trim().split("\n");
      const out: number[] = [];
      for (let i = 1; i < lines.length; i += 2) {
        const secs = [...lines[i]!.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
        out.push(Math.round((secs[0]! + secs[1]!) * 1000));
      }
      return out;
    },
    remove() {
      rmSync(exe);
      renameSync(real, exe);
    },
  };
}
