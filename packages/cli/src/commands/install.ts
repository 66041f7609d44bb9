/**
 * `atlas-privatelink install`: puts the provider where Terraform finds it without any CLI
 * configuration (the implied local mirror ~/.terraform.d/plugins), or in a filesystem mirror of
 * your choice, or prints a dev_overrides CLI configuration.
 */
import { rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PROVIDER_VERSION } from "@atlas-privatelink/provider/version";
import { flagValue } from "../args.js";
import { installMirror, mirrorCliConfig } from "../terraform-env.js";
import { providerExecutable } from "../paths.js";
import type { Io } from "../io.js";

export const INSTALL_USAGE = `Usage: atlas-privatelink install [--version X.Y.Z] [--mirror DIR | --dev-overrides | --uninstall]

Installs the TypeScript mongodbatlas provider as registry.terraform.io/mongodb/mongodbatlas:
  (default)        into ~/.terraform.d/plugins, which Terraform searches without any CLI
                   configuration: configs with source = "mongodb/mongodbatlas" use it after
                   terraform init.
  --mirror DIR     into a filesystem mirror at DIR, and print the CLI configuration to use it.
  --dev-overrides  print a CLI configuration with dev_overrides (no terraform init needed).
  --version X.Y.Z  install under another version number, to satisfy a config pinned to an exact
                   version (default ${PROVIDER_VERSION}, the official release whose schema it implements).
  --uninstall      remove what the default install added.
`;

export function pluginsDir(env: NodeJS.ProcessEnv): string {
  return join(env["HOME"] ?? homedir(), ".terraform.d", "plugins");
}

export function install(args: string[], io: Io, env: NodeJS.ProcessEnv = process.env): number {
  let version = PROVIDER_VERSION;
  let mirror: string | undefined;
  let devOverrides = false;
  let uninstall = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--version" || a === "--mirror") {
      const v = flagValue(args, i++, a === "--version" ? "a version number such as 2.16.0" : "a folder (the mirror's root)");
      if ("error" in v) {
        io.err(`atlas-privatelink install: ${v.error}\n\n${INSTALL_USAGE}`);
        return 2;
      }
      if (a === "--version") version = v.value;
      else mirror = v.value;
    } else if (a === "--dev-overrides") devOverrides = true;
    else if (a === "--uninstall") uninstall = true;
    else if (a === "--help" || a === "-h") {
      io.out(INSTALL_USAGE);
      return 0;
    } else {
      io.err(`atlas-privatelink install: unknown argument ${JSON.stringify(a)}\n\n${INSTALL_USAGE}`);
      return 2;
    }
  }
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    io.err(`atlas-privatelink install: --version must look like 2.16.0 (Terraform ignores pre-releases for ~> constraints); got ${JSON.stringify(version)}\n`);
    return 2;
  }
  if (devOverrides) {
    io.out(
      `# A CLI configuration that runs this provider for mongodb/mongodbatlas without terraform init.\n` +
        `# Save it (e.g. as dev.tfrc) and export TF_CLI_CONFIG_FILE=$PWD/dev.tfrc\n` +
        `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/mongodb/mongodbatlas" = ${JSON.stringify(dirname(providerExecutable()))}\n  }\n  direct {}\n}\n`,
    );
    return 0;
  }
  const base = pluginsDir(env);
  const packageDir = join(base, "registry.terraform.io", "mongodb", "mongodbatlas");
  if (uninstall) {
    rmSync(join(packageDir, version), { recursive: true, force: true });
    io.out(`Removed ${join(packageDir, version)}\n`);
    return 0;
  }
  if (mirror !== undefined) {
    const root = resolve(mirror);
    const file = installMirror(root, version);
    io.out(
      `Installed mongodb/mongodbatlas ${version} (TypeScript) in the filesystem mirror:\n  ${file}\n\n` +
        `Use it with this CLI configuration (TF_CLI_CONFIG_FILE, or ~/.terraformrc):\n\n${mirrorCliConfig(root)}`,
    );
    return 0;
  }
  const file = installMirror(base, version);
  io.out(
    `Installed mongodb/mongodbatlas ${version} (TypeScript) where Terraform finds it without configuration:\n  ${file}\n\n` +
      `Configs with source = "mongodb/mongodbatlas" (and a version constraint ${version} satisfies, e.g. "~> 2.0")\n` +
      `now use it after \`terraform init\`. A .terraform.lock.hcl written for the official provider records other\n` +
      `checksums: delete its "registry.terraform.io/mongodb/mongodbatlas" entry, then run terraform init.\n\n` +
      `Undo: atlas-privatelink install --uninstall${version === PROVIDER_VERSION ? "" : ` --version ${version}`}   (or rm -r ${join(packageDir, version)})\n`,
  );
  return 0;
}
