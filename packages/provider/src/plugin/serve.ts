/**
 * Serves a provider in-process the way a launch does (bootstrap, then `finishPlugin`): AutoMTLS
 * with Terraform's client certificate required, a Unix socket (TCP on loopback as fallback), the
 * go-plugin services, the handshake line, and Shutdown → drain → exit. The executable runs the two
 * phases from separate bundles (see scripts/bundle.mjs); tests and the fixture provider use this.
 */
import type { ProviderServer } from "../framework/provider-server.js";
import { bootstrapPlugin } from "./bootstrap.js";
import { finishPlugin } from "./finish-plugin.js";
import type { ListenAddress } from "./handshake.js";
import { startPlugin, type RunPluginOptions } from "./start-plugin.js";

export interface ServeOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where the handshake line goes (stdout). */
  readonly write?: (line: string) => void;
  /** Called after Shutdown was answered (default: exit the process). */
  readonly onShutdown?: () => void;
  /** Force a TCP listener on 127.0.0.1 instead of a Unix socket. */
  readonly tcp?: boolean;
}

export interface RunningPlugin {
  readonly address: ListenAddress;
  close(): Promise<void>;
}

export async function serveProvider(provider: ProviderServer, options: ServeOptions = {}): Promise<RunningPlugin> {
  const boot = await bootstrapPlugin({ env: options.env, tcp: options.tcp, write: options.write });
  const attached = finishPlugin({ boot, debug: false }, () => provider, options.onShutdown);
  return { address: boot.address, close: () => attached.close() };
}

/** Both launch phases in one module graph (the fixture provider; the executable runs them from two payloads). */
export async function runPlugin(createServer: () => ProviderServer, options: RunPluginOptions): Promise<void> {
  finishPlugin(await startPlugin(options), createServer);
}
