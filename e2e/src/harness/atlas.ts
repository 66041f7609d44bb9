/**
 * An emulator on a free loopback port plus Terraform workspaces wired to it (our built provider
 * installed by dev_overrides or a filesystem mirror, MONGODB_ATLAS_* pointing at the emulator).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@atlas-privatelink/emulator";
import { emulatorControl, type EmulatorControl } from "./emulator-control.js";
import { providerBundle } from "./paths.js";
import { installDevOverride, installFilesystemMirror, type InstalledProvider } from "./provider-install.js";
import { Workspace } from "./terraform.js";

export const PROVIDER_SOURCE = "registry.terraform.io/mongodb/mongodbatlas";

export interface AtlasHarness {
  readonly emu: RunningEmulator;
  readonly projectId: string;
  /** A new workspace (own directory and state) using our provider against the emulator. */
  workspace(prefix: string, env?: Record<string, string>): Workspace;
  readonly control: EmulatorControl;
  /** Counts of endpoint services and private endpoints the emulator holds. */
  held(): Promise<{ endpointServices: number; privateEndpoints: number }>;
  close(): Promise<void>;
}

export interface HarnessOptions extends EmulatorOptions {
  /** How the provider is installed (default dev_overrides). */
  readonly route?: "dev_overrides" | "filesystem_mirror";
  /** Every timed lifecycle step takes this long (default 200 ms). */
  readonly stepMs?: number;
}

export async function startAtlasHarness(options: HarnessOptions = {}): Promise<AtlasHarness> {
  const { route, stepMs, ...emulatorOptions } = options;
  const emu = await startEmulator({
    profile: { base: "fast", transitions: { "*.*.*": stepMs ?? 200 } },
    logger: false,
    ...emulatorOptions,
  });
  const install: InstalledProvider =
    route === "filesystem_mirror"
      ? installFilesystemMirror(PROVIDER_SOURCE, "2.16.0", { file: providerBundle })
      : installDevOverride(PROVIDER_SOURCE, { file: providerBundle });
  // One code cache for every launch of this harness (the first launch fills it).
  const cacheHome = mkdtempSync(join(tmpdir(), "e2e-cache-"));
  const workspaces: Workspace[] = [];
  const control = emulatorControl(emu.url);
  return {
    emu,
    projectId: emu.bootstrap.projectId,
    workspace(prefix, env = {}) {
      const ws = Workspace.create(prefix, install.cliConfig, {
        MONGODB_ATLAS_BASE_URL: emu.url,
        MONGODB_ATLAS_PUBLIC_KEY: emu.bootstrap.publicKey,
        MONGODB_ATLAS_PRIVATE_KEY: emu.bootstrap.privateKey,
        XDG_CACHE_HOME: cacheHome,
        ...env,
      });
      workspaces.push(ws);
      return ws;
    },
    control,
    async held() {
      const o = await control<{ counts: { endpointServices: number; privateEndpoints: number } }>("GET", "/objects");
      return { endpointServices: o.counts.endpointServices, privateEndpoints: o.counts.privateEndpoints };
    },
    async close() {
      for (const ws of workspaces) ws.cleanup();
      await emu.close();
      rmSync(cacheHome, { recursive: true, force: true });
      rmSync(install.root, { recursive: true, force: true });
    },
  };
}

export const TERRAFORM_BLOCK = `terraform {
  required_providers {
    mongodbatlas = {
      source  = "mongodb/mongodbatlas"
      version = "~> 2.0"
    }
  }
}
`;

/** Terraform wraps diagnostics at 78 columns: compare with whitespace collapsed. */
export const flat = (s: string) => s.replace(/\s+/g, " ");
