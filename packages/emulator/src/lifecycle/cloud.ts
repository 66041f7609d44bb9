import type { CloudProvider } from "@atlas-privatelink/atlas-api";
import type { EndpointRow, Store } from "../store/store.js";
import { cloudNotFoundMessage } from "./transitions.js";

/**
 * The simulated cloud side. Atlas accepts an endpoint only if the cloud object behind it exists
 * (the VPC interface endpoint, the Azure private endpoint, the GCP forwarding rules). By default
 * the emulator pretends every well-formed id exists; in strict mode an id must first be
 * registered through `POST /_emulator/cloud/{provider}/endpoints`, or the endpoint ends
 * REJECTED (AWS) / FAILED (Azure, GCP) with Atlas' message.
 */

/** The registry key of a GCP forwarding rule: `<gcpProjectId>/<forwarding rule name>`. */
export function gcpRuleKey(gcpProjectId: string, endpointName: string): string {
  return `${gcpProjectId}/${endpointName}`;
}

/** Why the cloud side refuses this endpoint, or null when it accepts it. */
export function cloudRejection(store: Store, strict: boolean, endpoint: EndpointRow): string | null {
  if (!strict) return null;
  const provider: CloudProvider = endpoint.provider;
  if (provider === "GCP") {
    const project = endpoint.data.gcpProjectId ?? "";
    for (const rule of endpoint.data.endpoints ?? []) {
      if (!store.hasCloudEndpoint("GCP", gcpRuleKey(project, rule.endpointName))) return cloudNotFoundMessage("GCP", rule.endpointName);
    }
    return null;
  }
  return store.hasCloudEndpoint(provider, endpoint.endpointId) ? null : cloudNotFoundMessage(provider, endpoint.endpointId);
}
