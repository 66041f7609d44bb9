/**
 * Installs a provider executable for Terraform in a temp location, by either route Terraform
 * supports for local providers: `dev_overrides` (no init, no lock file) or a `filesystem_mirror`
 * (unpacked layout; `terraform init` installs it and records its hash in the lock file).
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function osArch(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
  return `${os}_${arch}`;
}

export interface ProviderExecutable {
  /** Either a self-contained executable file (copied) or a Node entry script (wrapped). */
  readonly file?: string;
  readonly nodeScript?: string;
}

export interface InstalledProvider {
  /** The CLI configuration (TF_CLI_CONFIG_FILE contents). */
  readonly cliConfig: string;
  readonly route: "dev_overrides" | "filesystem_mirror";
  readonly root: string;
}

function placeExecutable(dir: string, fileName: string, exe: ProviderExecutable): void {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, fileName);
  if (exe.file) {
    copyFileSync(exe.file, target);
  } else if (exe.nodeScript) {
    // `exec` so that Terraform's signals and kill reach node itself, not an orphaned shell.
    writeFileSync(target, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(exe.nodeScript)} "$@"\n`);
  } else {
    throw new Error("ProviderExecutable needs file or nodeScript");
  }
  chmodSync(target, 0o755);
}

/** `source` like `registry.terraform.io/example/tsfixture`. */
export function installDevOverride(source: string, exe: ProviderExecutable, extraConfig = ""): InstalledProvider {
  const type = source.split("/").at(-1)!;
  const root = mkdtempSync(join(tmpdir(), "tfdev-"));
  placeExecutable(root, `terraform-provider-${type}`, exe);
  return {
    route: "dev_overrides",
    root,
    cliConfig: `provider_installation {\n  dev_overrides {\n    ${JSON.stringify(source)} = ${JSON.stringify(root)}\n  }\n  direct {}\n}\n${extraConfig}`,
  };
}

export function installFilesystemMirror(source: string, version: string, exe: ProviderExecutable, extraConfig = ""): InstalledProvider {
  const [host, namespace, type] = source.split("/") as [string, string, string];
  const root = mkdtempSync(join(tmpdir(), "tfmirror-"));
  placeExecutable(join(root, host, namespace, type, version, osArch()), `terraform-provider-${type}_v${version}`, exe);
  const pattern = `${host}/${namespace}/${type}`;
  return {
    route: "filesystem_mirror",
    root,
    cliConfig: `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(root)}\n    include = [${JSON.stringify(pattern)}]\n  }\n  direct {\n    exclude = [${JSON.stringify(pattern)}]\n  }\n}\n${extraConfig}`,
  };
}
