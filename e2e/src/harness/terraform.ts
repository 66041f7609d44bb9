/**
 * The e2e harness: a temp directory with `main.tf`, a CLI configuration (TF_CLI_CONFIG_FILE)
 * that installs the provider under test, and the real terraform binary. Terraform is found via
 * TERRAFORM_BINARY or PATH; when it is missing the suite fails loudly, it never skips.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export function terraformBinary(): string {
  const explicit = process.env["TERRAFORM_BINARY"];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TERRAFORM_BINARY=${explicit} does not exist: the e2e suite needs the terraform binary`);
    return explicit;
  }
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    const candidate = join(dir, process.platform === "win32" ? "terraform.exe" : "terraform");
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error("terraform was not found (set TERRAFORM_BINARY or put terraform on PATH): the e2e suite cannot run without it");
}

export function terraformVersion(): string {
  const out = spawnSync(terraformBinary(), ["version", "-json"], { encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" } });
  if (out.status !== 0) throw new Error(`terraform version failed: ${out.stderr}`);
  return (JSON.parse(out.stdout) as { terraform_version: string }).terraform_version;
}

export interface TerraformResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly args: readonly string[];
  readonly ms: number;
}

export interface RunOptions {
  /** Fail (throw) unless the exit code is one of these; default [0]. Pass "any" to accept all. */
  readonly expect?: readonly number[] | "any";
  readonly timeoutMs?: number;
  readonly env?: Record<string, string>;
  /** Called with each stdout chunk (to react to progress, e.g. send an interrupt). */
  readonly onOutput?: (chunk: string, interrupt: () => void) => void;
}

/** A Terraform working directory with its own CLI configuration and environment. */
export class Workspace {
  constructor(
    readonly dir: string,
    readonly env: Record<string, string>,
    private readonly keep = process.env["E2E_KEEP"] === "1",
  ) {}

  static create(prefix: string, cliConfig: string, env: Record<string, string> = {}): Workspace {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    writeFileSync(join(dir, ".terraformrc"), cliConfig);
    return new Workspace(dir, {
      TF_CLI_CONFIG_FILE: join(dir, ".terraformrc"),
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      TF_DATA_DIR: join(dir, ".terraform"),
      TF_CLI_ARGS: "-no-color",
      ...env,
    });
  }

  write(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
  }

  remove(name: string): void {
    rmSync(join(this.dir, name), { force: true, recursive: true });
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), "utf8");
  }

  /** The state file, parsed. */
  state(): TerraformStateFile {
    return JSON.parse(this.read("terraform.tfstate")) as TerraformStateFile;
  }

  resource(address: string): StateResourceInstance | undefined {
    const [type, name] = address.split(".") as [string, string];
    return this.state().resources.find((r) => r.mode === "managed" && r.type === type && r.name === name)?.instances[0];
  }

  async tf(args: string[], options: RunOptions = {}): Promise<TerraformResult> {
    const started = Date.now();
    const child = spawn(terraformBinary(), args, {
      cwd: this.dir,
      env: { ...process.env, ...this.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // own process group, so an interrupt reaches terraform and its providers like a terminal Ctrl-C
    });
    let stdout = "";
    let stderr = "";
    const interrupt = () => {
      if (child.pid) process.kill(-child.pid, "SIGINT");
    };
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
      options.onOutput?.(c, interrupt);
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const timeoutMs = options.timeoutMs ?? 180_000;
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, timeoutMs);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("close", (c, s) => resolve([c, s])));
    clearTimeout(timer);
    const result: TerraformResult = { code, signal, stdout, stderr, args, ms: Date.now() - started };
    const expect = options.expect ?? [0];
    if (expect !== "any" && (code === null || !expect.includes(code))) {
      throw new Error(`terraform ${args.join(" ")} exited ${code ?? signal} (expected ${expect.join("/")}) in ${this.dir}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
    }
    return result;
  }

  cleanup(): void {
    if (!this.keep) rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface StateResourceInstance {
  readonly schema_version: number;
  readonly attributes: Record<string, unknown>;
  readonly sensitive_attributes?: unknown[];
  readonly private?: string;
  readonly status?: string;
}

export interface TerraformStateFile {
  readonly version: number;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>;
  readonly resources: {
    readonly mode: "managed" | "data";
    readonly type: string;
    readonly name: string;
    readonly provider: string;
    readonly instances: StateResourceInstance[];
  }[];
}
