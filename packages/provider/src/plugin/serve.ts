/**
 * Serves a provider in-process the way a launch does (bootstrap, then attach): AutoMTLS with
 * Terraform's client certificate required, a Unix socket (TCP on loopback as fallback), the
 * go-plugin services, and the handshake line. The executable runs the two phases from separate
 * bundles (see scripts/bundle.mjs); tests and the fixture provider use this.
 */
import type { ProviderServer } from "../framework/provider-server.js";
import { attachServer } from "./attach.js";
import { bootstrapPlugin } from "./bootstrap.js";
import { finishPlugin } from "./finish-plugin.js";
import type { ListenAddress } from "./handshake.js";
import { startPlugin, type RunPluginOptions } from "./start-plugin.js";

export interface ServeOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where the handshake line goes (stdout). */
  readonly write?: (line: string) => void;
  /** Plaintext, no client certificate, and Shutdown does not end the process (TF_REATTACH). */
  readonly debug?: boolean;
  /** Called after Shutdown was answered (default: exit the process; ignored in debug mode). */
  readonly onShutdown?: () => void;
  /** Force a TCP listener on 127.0.0.1 instead of a Unix socket. */
  readonly tcp?: boolean;
}

export interface RunningPlugin {
  readonly address: ListenAddress;
  readonly tls: boolean;
  /** The line printed on stdout. */
  readonly handshake: string;
  close(): Promise<void>;
}

export async function serveProvider(provider: ProviderServer, options: ServeOptions = {}): Promise<RunningPlugin> {
  const boot = await bootstrapPlugin({ env: options.env, plaintext: options.debug, tcp: options.tcp, write: options.write });
  const onShutdown = options.onShutdown ?? (() => process.exit(0));
  const attached = attachServer(boot, provider, {
    onShutdown: options.debug ? () => {} : () => void attached.drain(20).finally(onShutdown),
  });
  return { address: boot.address, tls: boot.tls !== undefined, handshake: boot.handshake, close: () => attached.close() };
}

/** Both launch phases in one module graph (the fixture provider; the executable runs them from two payloads). */
export async function runPlugin(createServer: () => ProviderServer, options: RunPluginOptions): Promise<void> {
  finishPlugin(await startPlugin(options), createServer, options);
}
