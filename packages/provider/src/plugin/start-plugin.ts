/**
 * What a provider executable does when started: by Terraform (magic cookie present) it serves
 * and prints the handshake; with `--debug` it serves plaintext and prints TF_REATTACH_PROVIDERS;
 * run by hand otherwise, it explains itself on stderr and exits 1.
 *
 * Two phases, so that the executable can load the gRPC server after the handshake line:
 * `startPlugin` (here: checks, listen, certificate, handshake) and `finishPlugin` (serve,
 * in finish-plugin.ts). This module must not import the gRPC server.
 */
import { bootstrapPlugin, type Bootstrapped } from "./bootstrap.js";
import { hasMagicCookie, notACommandMessage, offersProtocol6 } from "./handshake.js";

export interface RunPluginOptions {
  /** e.g. `registry.terraform.io/mongodb/mongodbatlas`, for debug mode's reattach value. */
  readonly providerAddress: string;
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** What phase one hands to phase two; in debug mode, also the address for TF_REATTACH_PROVIDERS. */
export type StartedPlugin =
  | { readonly boot: Bootstrapped; readonly debug: false }
  | { readonly boot: Bootstrapped; readonly debug: true; readonly providerAddress: string };

export async function startPlugin(options: RunPluginOptions): Promise<StartedPlugin> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const debug = argv.includes("--debug");

  if (!debug && !hasMagicCookie(env)) {
    process.stderr.write(`${notACommandMessage(options.providerAddress)}\n`);
    process.exit(1);
  }
  if (!debug && !offersProtocol6(env)) {
    process.stderr.write(`[WARN] Terraform offered plugin protocols ${env["PLUGIN_PROTOCOL_VERSIONS"]}; this provider speaks 6 (Terraform 1.0 or later).\n`);
  }
  // Terraform owns the process group: a terminal Ctrl-C reaches us too. Terraform then calls
  // StopProvider and waits for in-flight calls to return their "interrupted" diagnostics, so
  // the signal itself must not kill us (except in debug mode, where the user started us).
  if (!debug) process.on("SIGINT", () => {});
  // A plain SIGTERM would end the process without "exit" handlers: let them remove the socket.
  if (!debug) process.once("SIGTERM", () => process.exit(143));

  const boot = await bootstrapPlugin({ env, plaintext: debug, write: debug ? () => {} : undefined });
  return debug ? { boot, debug, providerAddress: options.providerAddress } : { boot, debug };
}
