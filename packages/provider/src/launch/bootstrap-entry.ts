// First payload of the provider executable: checks, listen, certificate, handshake line.
import { startPlugin, type StartedPlugin } from "../plugin/start-plugin.js";
import { PROVIDER_ADDRESS } from "../resources/address.js";

export function start(): Promise<StartedPlugin> {
  return startPlugin({ providerAddress: PROVIDER_ADDRESS });
}
