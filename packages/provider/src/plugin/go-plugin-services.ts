/**
 * The services a go-plugin server offers besides the provider itself.
 * - GRPCController.Shutdown: Terraform's Close(). We answer, then exit promptly; otherwise
 *   Terraform waits 2 s for the process before killing it (per launch, 3–5 launches a command).
 * - GRPCStdio.StreamStdio: we write nothing to stdout/stderr that needs mirroring (logs go to
 *   stderr, which Terraform already captures), so the stream ends at once.
 * - GRPCBroker.StartStream: providers never use the broker; the stream is drained until the
 *   client ends it.
 * - grpc.health.v1.Health: "plugin" is SERVING.
 */
import type { ServerDuplexStream, ServerWritableStream } from "@grpc/grpc-js";
import type { ConnInfo, Empty, GRPCBrokerServer, GRPCControllerServer, GRPCStdioServer, StdioData } from "./generated/go_plugin.js";
import { HealthCheckResponse_ServingStatus, type HealthCheckRequest, type HealthCheckResponse, type HealthServer } from "./generated/health.js";

export function controllerService(onShutdown: () => void): GRPCControllerServer {
  return {
    shutdown(_call, callback) {
      callback(null, {});
      setImmediate(onShutdown);
    },
  };
}

export function stdioService(): GRPCStdioServer {
  return {
    streamStdio(call: ServerWritableStream<Empty, StdioData>) {
      call.end();
    },
  };
}

export function brokerService(): GRPCBrokerServer {
  return {
    startStream(call: ServerDuplexStream<ConnInfo, ConnInfo>) {
      call.on("data", () => {});
      call.on("end", () => call.end());
      call.on("error", () => {});
    },
  };
}

export function healthService(): HealthServer {
  const status = (service: string | undefined): HealthCheckResponse_ServingStatus =>
    !service || service === "plugin" ? HealthCheckResponse_ServingStatus.SERVING : HealthCheckResponse_ServingStatus.SERVICE_UNKNOWN;
  return {
    check(call, callback) {
      callback(null, { status: status(call.request.service) });
    },
    watch(call: ServerWritableStream<HealthCheckRequest, HealthCheckResponse>) {
      call.write({ status: status(call.request.service) });
      call.on("cancelled", () => call.end());
    },
  };
}
