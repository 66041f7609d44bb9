/**
 * Terraform workspaces using our built provider against an emulator that the campaign runs
 * itself (a CLI process it kills and restarts), rather than the harness' in-process one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROVIDER_SOURCE } from "../harness/atlas.js";
import { providerBundle } from "../harness/paths.js";
import { installDevOverride, type InstalledProvider } from "../harness/provider-install.js";
import { Workspace } from "../harness/terraform.js";

export class ProviderWorkspaces {
  readonly #install: InstalledProvider = installDevOverride(PROVIDER_SOURCE, { file: providerBundle });
  readonly #cacheHome = mkdtempSync(join(tmpdir(), "campaign-cache-"));
  readonly #workspaces: Workspace[] = [];

  /** A workspace whose provider talks to `baseUrl` with the given API key. */
  workspace(prefix: string, baseUrl: string, publicKey: string, privateKey: string, env: Record<string, string> = {}): Workspace {
    const ws = Workspace.create(prefix, this.#install.cliConfig, {
      MONGODB_ATLAS_BASE_URL: baseUrl,
      MONGODB_ATLAS_PUBLIC_KEY: publicKey,
      MONGODB_ATLAS_PRIVATE_KEY: privateKey,
      XDG_CACHE_HOME: this.#cacheHome,
      ...env,
    });
    this.#workspaces.push(ws);
    return ws;
  }

  close(): void {
    for (const ws of this.#workspaces) ws.cleanup();
    rmSync(this.#cacheHome, { recursive: true, force: true });
    rmSync(this.#install.root, { recursive: true, force: true });
  }
}
