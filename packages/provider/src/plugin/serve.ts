/**
 * Serves a provider the way Terraform launches plugins: AutoMTLS (our fresh server certificate,
 * Terraform's client certificate required and verified, ALPN h2), a Unix socket (TCP on loopback
 * when sockets are unavailable), the go-plugin side services, and the handshake line on stdout.
 * Protocol only: the provider logic is the framework's ProviderServer.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server, ServerCredentials } from "@grpc/grpc-js";
import type { ProviderServer } from "../framework/provider-server.js";
import { GRPCBrokerService, GRPCControllerService, GRPCStdioService } from "./generated/go_plugin.js";
import { HealthService } from "./generated/health.js";
import { ProviderService } from "./generated/tfplugin6.js";
import { brokerService, controllerService, healthService, stdioService } from "./go-plugin-services.js";
import { handshakeLine, type ListenAddress } from "./handshake.js";
import { providerService } from "./provider-service.js";
import { generateServerCertificate } from "./tls-cert.js";

const MAX_MESSAGE_BYTES = 256 * 1024 * 1024; // as terraform-plugin-go; grpc-js defaults to 4 MiB

export interface ServeOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where the handshake line goes (stdout). */
  readonly write?: (line: string) => void;
  /** Plaintext, no client certificate, and Shutdown does not end the process (TF_REATTACH). */
  readonly debug?: boolean;
  /** Called after Shutdown was answered (default: exit the process). */
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
  const env = options.env ?? process.env;
  const clientCert = env["PLUGIN_CLIENT_CERT"];
  const tls = !options.debug && !!clientCert && !env["TF_DISABLE_PLUGIN_TLS"];
  const cert = tls ? generateServerCertificate() : undefined;
  const credentials = cert
    ? ServerCredentials.createSsl(Buffer.from(clientCert!), [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }], true)
    : ServerCredentials.createInsecure();

  const server = new Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  let socketPath: string | undefined;
  const cleanup = () => {
    if (socketPath) rmSync(socketPath, { force: true });
  };
  const shutdown =
    options.onShutdown ??
    (() => {
      server.forceShutdown();
      cleanup();
      process.exit(0);
    });
  server.addService(ProviderService, providerService(provider));
  server.addService(GRPCControllerService, controllerService(options.debug ? () => {} : shutdown));
  server.addService(GRPCStdioService, stdioService());
  server.addService(GRPCBrokerService, brokerService());
  server.addService(HealthService, healthService());

  let address: ListenAddress;
  const useUnix = !options.tcp && process.platform !== "win32";
  if (useUnix) {
    // A socket file straight in the temp dir (as go-plugin does): a SIGKILLed provider leaves a
    // stale file behind, never a directory.
    socketPath = join(env["PLUGIN_UNIX_SOCKET_DIR"] || tmpdir(), `plugin${randomBytes(6).toString("hex")}`);
    try {
      await bind(server, `unix:${socketPath}`, credentials);
      address = { network: "unix", address: socketPath };
      process.once("exit", cleanup);
    } catch {
      socketPath = undefined;
      address = await bindTcp(server, credentials);
    }
  } else {
    address = await bindTcp(server, credentials);
  }

  const line = handshakeLine(address, cert?.handshakeField);
  (options.write ?? ((l: string) => process.stdout.write(l)))(line);
  return {
    address,
    tls,
    handshake: line,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => {
          cleanup();
          resolve();
        });
      }),
  };
}

function bind(server: Server, target: string, credentials: ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => server.bindAsync(target, credentials, (err, port) => (err ? reject(err) : resolve(port))));
}

async function bindTcp(server: Server, credentials: ServerCredentials): Promise<ListenAddress> {
  const port = await bind(server, "127.0.0.1:0", credentials);
  return { network: "tcp", address: `127.0.0.1:${port}` };
}
