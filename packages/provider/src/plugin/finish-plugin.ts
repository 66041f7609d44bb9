/**
 * Phase two of running a provider executable: serve on the connections phase one accepted.
 */
import type { ProviderServer } from "../framework/provider-server.js";
import { attachServer, type Attached } from "./attach.js";
import { reattachConfig } from "./handshake.js";
// Types only: the executable loads this module in its server payload, after the bootstrap
// payload has run start-plugin (and tls-cert, asn1js); importing a value would load them twice.
import type { StartedPlugin } from "./start-plugin.js";

/** How long Shutdown's answer may take to leave before the process exits anyway. */
const SHUTDOWN_DRAIN_MS = 20;

/**
 * Serves `createServer()` on the connections `started` accepted. After GRPCController.Shutdown is
 * answered, the answer gets at most SHUTDOWN_DRAIN_MS to leave, then `onShutdown` runs (default:
 * exit at once — Terraform otherwise waits 2 s per launch). In debug mode Shutdown ends nothing;
 * Ctrl-C does.
 */
export function finishPlugin(started: StartedPlugin, createServer: () => ProviderServer, onShutdown: () => void = () => process.exit(0)): Attached {
  const { boot } = started;
  const attached = attachServer(boot, createServer(), {
    onShutdown: started.debug ? () => {} : () => void attached.drain(SHUTDOWN_DRAIN_MS).finally(onShutdown),
  });
  if (started.debug) {
    const value = reattachConfig(started.providerAddress, boot.address, process.pid);
    process.stdout.write(
      `Provider started in debug mode (plaintext, ${boot.address.network} ${boot.address.address}).\n` +
        `To attach Terraform, run this in another shell, then use terraform as usual:\n\n` +
        `  export TF_REATTACH_PROVIDERS='${value}'\n\nPress Ctrl-C to stop.\n`,
    );
    process.once("SIGINT", () => {
      void attached.close().then(() => process.exit(0));
    });
  }
  return attached;
}
