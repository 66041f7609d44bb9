/** The plugin protocol layer: handshake, AutoMTLS, gRPC services, value codecs. */
export * from "./handshake.js";
export * from "./serve.js";
export * from "./start-plugin.js";
export * from "./finish-plugin.js";
export * from "./tls-cert.js";
export { decodeMsgpack, encodeMsgpack } from "./values/msgpack.js";
export { decodeJson, encodeJson } from "./values/json.js";
export { ProviderService } from "./generated/tfplugin6.js";
export { GRPCControllerService, GRPCStdioService } from "./generated/go_plugin.js";
export { HealthService } from "./generated/health.js";
