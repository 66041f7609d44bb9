/**
 * Phase two of running a provider executable: serve on the connections phase one accepted.
 */
import type { ProviderServer } from "../framework/provider-server.js";
import { attachServer } from "./attach.js";
import { reattachConfig } from "./handshake.js";
// Types only: the executable loads this module in its server payload, after the bootstrap
// payload has run start-plugin (and tls-cert, asn1js); importing a value would load them twice.
import type { RunPluginOptions, StartedPlugin } from "./start-plugin.js";

/** How long Shutdown's answer may take to leave before the process exits anyway. */
const SHUTDOWN_DRAIN_MS = 20;

export function finishPlugin(started: StartedPlugin, createServer: () => ProviderServer, options: RunPluginOptions): void {
  const { boot, debug } = started;
  const attached = attachServer(boot, createServer(), {
    // Answer Shutdown, let the answer out, then exit at once: Terraform otherwise waits 2 s per launch.
    onShutdown: debug ? () => {} : () => void attached.drain(SHUTDOWN_DRAIN_MS).finally(() => process.exit(0)),
  });
  if (debug) {
    const value = reattachConfig(options.providerAddress, boot.address, process.pid);
    process.stdout.write(
      `Provider started in debug mode (plaintext, ${boot.address.network} ${boot.address.address}).\n` +
        `To attach Terraform, run this in another shell, then use terraform as usual:\n\n` +
        `  export TF_REATTACH_PROVIDERS='${value}'\n\nPress Ctrl-C to stop.\n`,
    );
    process.once("SIGINT", () => {
      void attached.close().then(() => process.exit(0));
    });
  }
}
