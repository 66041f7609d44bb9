/**
 * Running terraform against a local emulator: the emulator's connection file, a local
 * filesystem mirror holding our provider, and the environment (base URL, keys, CLI config).
 */
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { PROVIDER_VERSION } from "@atlas-privatelink/provider/version";
import { osArch, providerExecutable, stateDir } from "./paths.js";

export interface EmulatorConnection {
  readonly url: string;
  readonly projectId: string;
  readonly orgId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly pid: number;
  readonly startedAt: string;
}

export function connectionFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), "emulator.json");
}

export function writeConnection(c: EmulatorConnection, env: NodeJS.ProcessEnv = process.env): void {
  mkdirSync(stateDir(env), { recursive: true, mode: 0o700 });
  writeFileSync(connectionFile(env), `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
}

export function readConnection(env: NodeJS.ProcessEnv = process.env): EmulatorConnection | undefined {
  try {
    return JSON.parse(readFileSync(connectionFile(env), "utf8")) as EmulatorConnection;
  } catch {
    return undefined;
  }
}

export function removeConnection(pid: number, env: NodeJS.ProcessEnv = process.env): void {
  if (readConnection(env)?.pid === pid) rmSync(connectionFile(env), { force: true });
}

/** Installs our provider into a filesystem mirror (unpacked layout) and returns its root. */
export function installMirror(root: string, version = PROVIDER_VERSION): string {
  const dir = join(root, "registry.terraform.io", "mongodb", "mongodbatlas", version, osArch());
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `terraform-provider-mongodbatlas_v${version}`);
  copyFileSync(providerExecutable(), target);
  chmodSync(target, 0o755);
  return target;
}

export function mirrorCliConfig(mirrorRoot: string): string {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirrorRoot)}
    include = ["registry.terraform.io/mongodb/mongodbatlas"]
  }
  direct {
    exclude = ["registry.terraform.io/mongodb/mongodbatlas"]
  }
}
`;
}

/** A CLI config (written under the cache dir) that installs our provider from a local mirror. */
export function prepareCliConfig(env: NodeJS.ProcessEnv = process.env): string {
  const root = join(stateDir(env), "mirror");
  installMirror(root);
  const file = join(stateDir(env), "terraformrc");
  writeFileSync(file, mirrorCliConfig(root));
  return file;
}

/**
 * Variables the official provider (and ours) read for credentials or the API address besides
 * MONGODB_ATLAS_*: the Atlas CLI's names. Cleared with every MONGODB_ATLAS_* variable.
 */
const ATLAS_CLI_VARIABLES = ["MCLI_PUBLIC_API_KEY", "MCLI_PRIVATE_API_KEY", "MCLI_OPS_MANAGER_URL"];

/**
 * The environment of terraform pointed at the emulator. Like LocalStack's tflocal, it leaves
 * nothing of the user's Atlas settings: the provider prefers an access token, then a service
 * account, to an API key (and the official provider also reads MONGODB_ATLAS_PUBLIC_API_KEY /
 * MONGODB_ATLAS_PRIVATE_API_KEY), so a real credential left in the environment would be sent to
 * the emulator and refused. Every MONGODB_ATLAS_* and MCLI_* credential variable is removed, then
 * the emulator's base URL and key are set.
 */
export function terraformEnv(c: Pick<EmulatorConnection, "url" | "publicKey" | "privateKey" | "projectId">, cliConfig: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (name.startsWith("MONGODB_ATLAS_") || ATLAS_CLI_VARIABLES.includes(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    MONGODB_ATLAS_BASE_URL: c.url,
    MONGODB_ATLAS_PUBLIC_KEY: c.publicKey,
    MONGODB_ATLAS_PRIVATE_KEY: c.privateKey,
    TF_VAR_project_id: base["TF_VAR_project_id"] ?? c.projectId,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
  };
}

export function findTerraform(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env["TERRAFORM_BINARY"];
  if (explicit) return explicit;
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    const candidate = join(dir, process.platform === "win32" ? "terraform.exe" : "terraform");
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error("terraform was not found: install Terraform ≥ 1.5 (the examples use import blocks) and put it on PATH (or set TERRAFORM_BINARY)");
}

/** Runs terraform with inherited stdio; resolves with its exit code. */
export function runTerraform(args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(findTerraform(env), args, { env, cwd, stdio: "inherit" });
    // Terraform receives a terminal Ctrl-C itself (same process group) and stops gracefully.
    const ignore = () => {};
    process.on("SIGINT", ignore);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      process.off("SIGINT", ignore);
      resolve(code ?? (signal ? 128 + 2 : 1));
    });
  });
}
