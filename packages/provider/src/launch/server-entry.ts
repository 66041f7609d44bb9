// Second payload of the provider executable, loaded after the handshake line: the gRPC server
// and the mongodbatlas provider.
import { ProviderServer } from "../framework/provider-server.js";
import { finishPlugin } from "../plugin/finish-plugin.js";
import type { StartedPlugin } from "../plugin/start-plugin.js";
import { mongodbatlasProvider } from "../resources/provider.js";

export function finish(started: StartedPlugin): void {
  finishPlugin(started, () => new ProviderServer(mongodbatlasProvider()));
}
