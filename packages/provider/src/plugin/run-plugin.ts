/**
 * What a provider executable does when started: by Terraform (magic cookie present) it serves
 * and prints the handshake; with `--debug` it serves plaintext and prints TF_REATTACH_PROVIDERS;
 * run by hand otherwise, it explains itself on stderr and exits 1.
 */
import type { ProviderServer } from "../framework/provider-server.js";
import { hasMagicCookie, NOT_A_COMMAND_MESSAGE, offersProtocol6, reattachConfig } from "./handshake.js";
import { serveProvider } from "./serve.js";

export interface RunPluginOptions {
  /** e.g. `registry.terraform.io/mongodb/mongodbatlas`, for debug mode's reattach value. */
  readonly providerAddress: string;
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export async function runPlugin(createServer: () => ProviderServer, options: RunPluginOptions): Promise<void> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const debug = argv.includes("--debug");

  if (!debug && !hasMagicCookie(env)) {
    process.stderr.write(`${NOT_A_COMMAND_MESSAGE}\n`);
    process.exit(1);
  }
  if (!debug && !offersProtocol6(env)) {
    process.stderr.write(`[WARN] Terraform offered plugin protocols ${env["PLUGIN_PROTOCOL_VERSIONS"]}; this provider speaks 6 (Terraform 1.0 or later).\n`);
  }

  // Terraform owns the process group: a terminal Ctrl-C reaches us too. Terraform then calls
  // StopProvider and waits for in-flight calls to return their "interrupted" diagnostics, so
  // the signal itself must not kill us (except in debug mode, where the user started us).
  if (!debug) process.on("SIGINT", () => {});

  const server = createServer();
  const running = await serveProvider(server, {
    env,
    debug,
    write: debug ? () => {} : undefined,
  });

  if (debug) {
    const value = reattachConfig(options.providerAddress, running.address, process.pid);
    process.stdout.write(
      `Provider started in debug mode (plaintext, ${running.address.network} ${running.address.address}).\n` +
        `To attach Terraform, run this in another shell, then use terraform as usual:\n\n` +
        `  export TF_REATTACH_PROVIDERS='${value}'\n\nPress Ctrl-C to stop.\n`,
    );
    process.once("SIGINT", () => {
      void running.close().then(() => process.exit(0));
    });
  }
}
