/**
 * Phase two of a provider launch: the gRPC server. It takes over the connections the bootstrap
 * accepted (grpc-js `createConnectionInjector`: the TLS and HTTP/2 layers run on sockets we hand
 * it) and serves tfplugin6.Provider plus go-plugin's controller, stdio, broker and health.
 */
import { Server, ServerCredentials } from "@grpc/grpc-js";
import type { ProviderServer } from "../framework/provider-server.js";
import type { Bootstrapped } from "./bootstrap.js";
import { GRPCBrokerService, GRPCControllerService, GRPCStdioService } from "./generated/go_plugin.js";
import { HealthService } from "./generated/health.js";
import { ProviderService } from "./generated/tfplugin6.js";
import { brokerService, controllerService, healthService, stdioService } from "./go-plugin-services.js";
import { providerService } from "./provider-service.js";

const MAX_MESSAGE_BYTES = 256 * 1024 * 1024; // as terraform-plugin-go; grpc-js defaults to 4 MiB

export interface AttachOptions {
  /** Called after GRPCController.Shutdown was answered. */
  readonly onShutdown: () => void;
}

export interface Attached {
  close(): Promise<void>;
  /** Lets answers already given (e.g. Shutdown's) reach the client, for at most `maxMs`. */
  drain(maxMs: number): Promise<void>;
}

export function attachServer(boot: Bootstrapped, provider: ProviderServer, options: AttachOptions): Attached {
  const credentials = boot.tls
    ? ServerCredentials.createSsl(
        Buffer.from(boot.tls.clientCertPem),
        [{ private_key: Buffer.from(boot.tls.cert.keyPem), cert_chain: Buffer.from(boot.tls.cert.certPem) }],
        true, // require and verify Terraform's client certificate (go-plugin RequireAndVerifyClientCert)
      )
    : ServerCredentials.createInsecure();
  const server = new Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    // Channelz keeps per-call statistics for an introspection service that nothing here serves
    // (about 4% of the provider's main-thread CPU in a profile of a 301-resource refresh).
    "grpc.enable_channelz": 0,
  });
  server.addService(ProviderService, providerService(provider));
  server.addService(GRPCControllerService, controllerService(options.onShutdown));
  server.addService(GRPCStdioService, stdioService());
  server.addService(GRPCBrokerService, brokerService());
  server.addService(HealthService, healthService());
  const injector = server.createConnectionInjector(credentials);
  boot.takeConnections((socket) => {
    injector.injectConnection(socket);
    socket.resume();
  });
  return {
    async close() {
      injector.destroy();
      server.forceShutdown();
      await boot.close();
    },
    drain(maxMs) {
      // tryShutdown ends each connection once its streams are done; go-plugin's broker stream
      // stays open until the client hangs up, hence the bound.
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
