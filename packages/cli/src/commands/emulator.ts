/**
 * `atlas-privatelink emulator [flags]`: the emulator (same flags as `atlas-emulator`), plus a
 * connection file in the cache dir so `atlas-privatelink terraform` and `watch` find it.
 * The emulator runs in a child process (`atlas-privatelink __emulator …`, the emulator's own
 * CLI) whose JSON ready line this process reads.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { persistentDataDir, resolvePrivateKey } from "../emulator-key.js";
import type { Io } from "../io.js";
import { selfCommand } from "../paths.js";
import { readConnection, removeConnection, writeConnection, type EmulatorConnection } from "../terraform-env.js";

/** Runs the emulator's own CLI in this process (the hidden `__emulator` command). */
export async function runEmulatorInProcess(args: string[]): Promise<void> {
  process.argv = [process.argv[0]!, "atlas-emulator", ...args];
  await import("@atlas-privatelink/emulator/main");
}

export function emulator(args: string[], io: Io, self: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes("--help") || args.includes("-h") || args.includes("--version")) {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [self, "__emulator", ...args], { stdio: "inherit", env });
      child.on("close", (code) => resolve(code ?? 1));
    });
  }
  const json = args.includes("--json");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [self, "__emulator", ...args.filter((a) => a !== "--json"), "--json"], { stdio: ["ignore", "pipe", "inherit"], env });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onInt = forward("SIGINT");
    const onTerm = forward("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    let ready = false;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (ready) return io.out(`${line}\n`);
      ready = true;
      let info: { url: string; orgId: string; projectId: string; publicKey: string; privateKey: string | null; dataDir: string; profile: string; consoleUrl?: string | null };
      try {
        info = JSON.parse(line) as typeof info;
      } catch {
        io.out(`${line}\n`);
        return;
      }
      // A reopened data dir does not print the private key (only its hash is stored): use the
      // one saved in the data dir when it was first printed.
      const privateKey = resolvePrivateKey(info, persistentDataDir(info.dataDir), readConnection(env));
      const connection: EmulatorConnection = { url: info.url, projectId: info.projectId, orgId: info.orgId, publicKey: info.publicKey, privateKey, pid: child.pid!, startedAt: new Date().toISOString() };
      writeConnection(connection, env);
      if (json) {
        io.out(`${line}\n`);
        return;
      }
      io.out(
        [
          `Atlas private-endpoint emulator (data: ${info.dataDir}, profile: ${info.profile})`,
          `  organization  ${info.orgId}`,
          `  project       ${info.projectId}`,
          `  public key    ${info.publicKey}`,
          `  private key   ${privateKey || "(unknown: pass --private-key)"}`,
          ...(info.consoleUrl ? [`  console       ${info.consoleUrl}   (one-time login link)`] : []),
          `Use it: ${selfCommand()} terraform init && ${selfCommand()} terraform apply`,
          `        (base URL, keys, project_id and a CLI config that installs this provider are set for you)`,
          `atlas-privatelink emulator ready: ${info.url}`,
          "",
        ].join("\n"),
      );
    });
    child.on("close", (code) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      if (child.pid) removeConnection(child.pid, env);
      resolve(code ?? 0);
    });
  });
}
